import { BEEP } from './beep.js';
import type { ActionHandler } from './types.js';

/**
 * `recording_start`: a recording resource and record_session on the channel (with its
 * `duration` limit in seconds, and a beep first when asked); done once the media bug
 * is on. The recording runs on with the flow until recording_stop, its limit, its end
 * key or the hangup.
 */
export const recordingStart: ActionHandler<'recording_start'> = {
  async start(run) {
    const option = run.action.option;
    if (option.beep_start === true) await run.execute('playback', BEEP);
    const limit = option.duration !== undefined && option.duration > 0 ? option.duration : undefined;
    const upload = option.upload_url === undefined ? undefined : { url: option.upload_url, method: option.upload_method ?? 'put' };
    await run.deps.recordings.begin(run.live, { format: option.format ?? 'wav', limitSeconds: limit, endOfKey: option.end_of_key, upload }, (path) =>
      run.execute('record_session', limit === undefined ? path : `${path} +${limit}`),
    );
  },
};
