import { playPrompt } from './play-media.js';
import type { ActionHandler } from './types.js';

/**
 * `play`: a playback per URL (or Kazoo media id, see playPrompt), in order; done when the
 * last completes. One that did not play is recorded on the call. With `digits_handle:
 * next` a key pressed stops it.
 */
export const play: ActionHandler<'play'> = {
  async start(run) {
    for (const url of run.action.option.stream_urls) {
      if (!run.active) return;
      await playPrompt(run, url);
    }
  },
  async onDigit(run) {
    if (run.action.option.digits_handle !== 'next') return;
    await run.live.breakMedia(false);
    await run.complete();
  },
};
