import type { ActionType } from '../contract.js';
import { CONTINUE, MEDIA, type ActionHandler } from './types.js';

/**
 * The handler of an action the media layer runs: `next` returns it to call-manager. In a
 * run without a call there is nobody to play it to, so it is skipped and the skip recorded.
 */
export function mediaAction<T extends ActionType>(): ActionHandler<T> {
  return {
    runsIn: 'media',
    async run(context) {
      if (!context.headless) return MEDIA;
      context.fail('NEEDS_CALL', `${context.action.type} needs a call; skipped in a run without one`);
      return CONTINUE;
    },
  };
}
