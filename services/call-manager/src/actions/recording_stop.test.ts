import { describe, expect, it } from '@jest/globals';
import { recordingStop } from './recording_stop.js';
import { completion, fakeRun } from './test-support.js';

describe('recording_stop', () => {
  it("stops the call's running recording, then reports it once stopped", async () => {
    const { run, did } = fakeRun('recording_stop', {}, { lastRecording: { id: 'r1', duration_ms: 4_400, uploadUrl: 'https://example.com/rec/call_recording_c1.wav' } });
    await recordingStop.start(run);
    expect(did).toEqual(['stop_record_session /rec/r.wav']);
    await recordingStop.onAppComplete!(run, completion({}));
    expect(did.at(-1)).toBe('variables {"voipbin.recording.id":"r1","voipbin.recording.duration":"4","voipbin.recording.url":"https://example.com/rec/call_recording_c1.wav"}');
  });

  it('reports the recording its end key already stopped, without an upload URL when none was asked', async () => {
    const { run, did } = fakeRun('recording_stop', {}, { running: false, lastRecording: { id: 'r2', duration_ms: 2_600 } });
    await recordingStop.start(run);
    expect(did).toEqual(['variables {"voipbin.recording.id":"r2","voipbin.recording.duration":"3"}']);
  });

  it('says nothing of an older recording when the one stopped has not ended yet', async () => {
    const { run, did } = fakeRun('recording_stop', {}, { lastRecording: { id: 'older', duration_ms: 1000 } });
    await recordingStop.start(run);
    await recordingStop.onAppComplete!(run, completion({}));
    expect(did).toEqual(['stop_record_session /rec/r.wav']);
  });

  it('says nothing when the call never recorded', async () => {
    const { run, did } = fakeRun('recording_stop', {}, { running: false });
    await recordingStop.start(run);
    expect(did).toEqual([]);
  });
});
