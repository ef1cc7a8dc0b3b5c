import { reportUnplayed } from './media-response.js';
import type { ActionHandler } from './types.js';

/** `play`: a playback per URL, in order; done when the last completes. One that did not play is recorded on the call. */
export const play: ActionHandler<'play'> = {
  async start(run) {
    for (const url of run.action.option.stream_urls) await run.execute('playback', url, { onComplete: (event) => reportUnplayed(run, event) });
  },
};
