import type { ActionHandler } from './types.js';

/** `recording_stop`: stop_record_session on the call's running recording (none running: nothing to do). */
export const recordingStop: ActionHandler<'recording_stop'> = {
  async start(run) {
    await run.deps.recordings.stop(run.live, (path) => run.execute('stop_record_session', path));
  },
};
