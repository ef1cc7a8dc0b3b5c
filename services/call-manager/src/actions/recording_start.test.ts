import { describe, expect, it } from '@jest/globals';
import { BEEP } from './beep.js';
import { recordingStart } from './recording_start.js';
import { fakeRun } from './test-support.js';

describe('recording_start', () => {
  it('beeps when asked, then records with the duration as the limit', async () => {
    const { run, did } = fakeRun('recording_start', { format: 'mp3', duration: 60, beep_start: true });
    await recordingStart.start(run);
    expect(did).toEqual([`playback ${BEEP}`, 'recording mp3 60', 'record_session /rec/r.wav +60']);
  });

  it('records as wav without a limit by default', async () => {
    const { run, did } = fakeRun('recording_start', {});
    await recordingStart.start(run);
    expect(did).toEqual(['recording wav -', 'record_session /rec/r.wav']);
  });
});
