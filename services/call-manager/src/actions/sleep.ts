import type { ActionHandler } from './types.js';

/** `sleep`: the sleep application for `duration` ms; done on its completion. */
export const sleep: ActionHandler<'sleep'> = {
  async start(run) {
    await run.execute('sleep', String(run.action.option.duration));
  },
};
