import { runFetch } from './fetch.js';
import type { ActionHandler } from './types.js';

/** `patch`: the seed's name of `fetch`. */
export const patch: ActionHandler<'patch'> = {
  runsIn: 'flow-manager',
  async run(context) {
    return runFetch(context);
  },
};
