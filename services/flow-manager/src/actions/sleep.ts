import type { ActionHandler } from './types.js';

/**
 * `sleep` in a run without a call: call-manager waits on a call, but with no call
 * flow-manager parks the activeflow and resumes it after the delay.
 */
export const sleep: ActionHandler<'sleep'> = {
  async run(context) {
    return { kind: 'wait', delayMs: context.action.option.duration };
  },
};
