import { actionTypes, isFlowActionType, type ActionType } from '../contract.js';
import type { ActionHandler, ActionHandlers, MediaActionHandlers } from './types.js';

/**
 * Every action flow-manager runs itself (branch, goto, connect's orchestration, …), in
 * one place: it never reaches a call, so one that does is refused and the flow goes on.
 */
export const notOnTheCall: ActionHandler<ActionType> = {
  manual: true,
  async start(run) {
    await run.refuse('NOT_A_MEDIA_ACTION', `${run.action.type} is run by flow-manager, not on the call`);
  },
};

/** The call's table: call-manager's own handlers, and the refusal for the rest of the catalog. */
export function handlerTable(media: MediaActionHandlers): ActionHandlers {
  const handlerOf = (type: ActionType): ActionHandler<ActionType> => (isFlowActionType(type) ? notOnTheCall : (media[type] as ActionHandler<ActionType>));
  return Object.fromEntries(actionTypes.map((type) => [type, handlerOf(type)])) as ActionHandlers;
}
