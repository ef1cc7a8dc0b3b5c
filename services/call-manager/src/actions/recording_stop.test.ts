import { describe, expect, it } from '@jest/globals';
import { recordingStop } from './recording_stop.js';
import { fakeRun } from './test-support.js';

describe('recording_stop', () => {
  it("stops the call's running recording", async () => {
    const { run, did } = fakeRun('recording_stop', {});
    await recordingStop.start(run);
    expect(did).toEqual(['stop_record_session /rec/r.wav']);
  });
});
