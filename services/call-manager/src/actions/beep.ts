import type { ActionHandler } from './types.js';

/** A 250 ms 1 kHz tone. */
export const BEEP = 'tone_stream://%(250,0,1000)';

/** `beep`: plays the tone; done when it has played. */
export const beep: ActionHandler<'beep'> = {
  async start(run) {
    await run.execute('playback', BEEP);
  },
};
