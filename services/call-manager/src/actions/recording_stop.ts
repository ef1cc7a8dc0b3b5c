import type { ActionHandler, ActionRun } from './types.js';

/** Where the flow's next request finds the recording just finished (Pivot's Recording-ID, Recording-Duration, Recording-Url). */
export const RECORDING_ID = 'voipbin.recording.id';
export const RECORDING_DURATION = 'voipbin.recording.duration';
export const RECORDING_URL = 'voipbin.recording.url';

/**
 * `recording_stop`: stop_record_session on the call's running recording. Once it has
 * stopped (or at once when none was running: its end key or limit stopped it) the
 * recording last ended is reported on the activeflow: its id, its length in whole
 * seconds, and where it is uploaded, so a Pivot request after it carries them.
 */
export const recordingStop: ActionHandler<'recording_stop'> = {
  async start(run) {
    const stopped = await run.deps.recordings.stop(run.live, (path) => run.execute('stop_record_session', path));
    if (stopped) run.state.stopping = stopped.id;
    else await report(run, undefined);
  },
  async onAppComplete(run) {
    await report(run, run.state.stopping as string | undefined);
  },
};

/** Reports the call's last ended recording; after a stop, only the one stopped (an older one would mislead). */
async function report(run: ActionRun<'recording_stop'>, stopped: string | undefined): Promise<void> {
  const ended = run.deps.recordings.lastEndedOf(run.live);
  if (!ended || (stopped !== undefined && ended.recording.id !== stopped)) return;
  const variables: Record<string, string> = {
    [RECORDING_ID]: ended.recording.id,
    [RECORDING_DURATION]: String(Math.round((ended.recording.duration_ms ?? 0) / 1000)),
  };
  if (ended.uploadUrl !== undefined) variables[RECORDING_URL] = ended.uploadUrl;
  await run.setVariables(variables);
}
