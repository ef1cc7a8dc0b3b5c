import { runFetchFlow } from './fetch_flow.js';
import type { ActionHandler } from './types.js';

/** `patch_flow`: the seed's name of `fetch_flow`. */
export const patchFlow: ActionHandler<'patch_flow'> = {
  runsIn: 'flow-manager',
  async run(context) {
    return runFetchFlow(context);
  },
};
