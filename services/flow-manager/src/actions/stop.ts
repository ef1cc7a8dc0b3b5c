import type { ActionHandler } from './types.js';

/** `stop`: ends the activeflow; the caller gets the finish marker. */
export const stop: ActionHandler<'stop'> = {
  async run() {
    return { kind: 'finish', reason: 'stopped' };
  },
};
