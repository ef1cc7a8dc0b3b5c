import { actionTypes, isFlowActionType, type MediaActionType } from '../contract.js';
import { CONTINUE, MEDIA, type ActionHandler, type ActionHandlers, type ActionOutcome, type FlowActionHandlers, type WithoutCallHandlers } from './types.js';

/**
 * Every media action, in one place: in `next` it is handed to the media layer
 * (call-manager). In a run without a call there is nobody to play it to, so it is
 * skipped and the skip recorded, unless it means something there (`withoutCall`).
 */
export function toMediaLayer(withoutCall: WithoutCallHandlers): ActionHandler<MediaActionType> {
  return {
    async run(context): Promise<ActionOutcome> {
      if (!context.headless) return MEDIA;
      const handler = withoutCall[context.action.type] as ActionHandler<MediaActionType> | undefined;
      if (handler) return handler.run(context);
      context.fail('NEEDS_CALL', `${context.action.type} needs a call; skipped in a run without one`);
      return CONTINUE;
    },
  };
}

/** The engine's table: flow-manager's own handlers, and the media layer for the rest of the catalog. */
export function handlerTable(flow: FlowActionHandlers, withoutCall: WithoutCallHandlers): ActionHandlers {
  const media = toMediaLayer(withoutCall);
  return Object.fromEntries(actionTypes.map((type) => [type, isFlowActionType(type) ? flow[type] : media])) as ActionHandlers;
}
