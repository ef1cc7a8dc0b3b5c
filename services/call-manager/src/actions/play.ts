import { playPrompt } from './play-media.js';
import type { ActionHandler } from './types.js';

/**
 * `play`: a playback per URL (or Kazoo media id, see playPrompt), in order; done when the
 * last completes. One that did not play is recorded on the call.
 */
export const play: ActionHandler<'play'> = {
  async start(run) {
    for (const url of run.action.option.stream_urls) await playPrompt(run, url);
  },
};
