import type { ActionType } from '../contract.js';
import type { ActionHandler } from './types.js';

/**
 * An action flow-manager runs itself (branch, goto, connect's orchestration, …): it
 * never reaches a call, so one that does is refused and the flow goes on.
 */
export function flowLevel<T extends ActionType>(): ActionHandler<T> {
  return {
    manual: true,
    async start(run) {
      await run.refuse('NOT_A_MEDIA_ACTION', `${run.action.type} is run by flow-manager, not on the call`);
    },
  };
}

/** An action that needs a service this platform does not run yet: refused with the reason, and the flow goes on. */
export function needsService<T extends ActionType>(service: string, what: string): ActionHandler<T> {
  return {
    manual: true,
    async start(run) {
      await run.refuse('SERVICE_UNAVAILABLE', `${run.action.type}: ${what} needs ${service}, which this platform does not run`);
    },
  };
}
