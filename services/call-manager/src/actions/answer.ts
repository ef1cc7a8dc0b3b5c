import type { ActionHandler } from './types.js';

/** `answer`: the answer application; done on its completion (at once on a call already answered). */
export const answer: ActionHandler<'answer'> = {
  async start(run) {
    await run.execute('answer');
  },
};
