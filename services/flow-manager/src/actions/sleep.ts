import { MEDIA, type ActionHandler } from './types.js';

/**
 * `sleep`: call-manager waits on a call. In a run without a call flow-manager parks the
 * activeflow and resumes it after the delay.
 */
export const sleep: ActionHandler<'sleep'> = {
  runsIn: 'media',
  async run(context) {
    return context.headless ? { kind: 'wait', delayMs: context.action.option.duration } : MEDIA;
  },
};
