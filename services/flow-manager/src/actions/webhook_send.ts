import { VoipError } from '@voxmesh/wire';
import { summarize } from '../domain/projection.js';
import { CONTINUE, type ActionHandler } from './types.js';

/**
 * `webhook_send`: hands `data` (by default the activeflow and its variables) to
 * webhook-manager for delivery to `uri`. With `sync` the step waits for the hand-over
 * and records a failure; without it the send happens in the background and a failure
 * is logged. Either way the flow goes on.
 */
export const webhookSend: ActionHandler<'webhook_send'> = {
  async run(context) {
    const option = context.action.option;
    const { state, deps } = context;
    const request = {
      account_id: state.account_id,
      uri: option.uri,
      method: option.method ?? 'POST',
      data_type: option.data_type ?? 'application/json',
      data: option.data ?? { activeflow: summarize(state), variables: { ...state.variables } },
    };
    // The same action reached again later (a loop) counts a new execution; the same step run twice does not.
    const key = `webhook_send:${state.id}:${state.current_stack_id}:${context.action.id}:${state.execute_count}`;
    const timeoutMs = Math.max(1, Math.min(deps.settings.remoteTimeoutMs, context.deadline - Date.now()));
    if (option.sync !== true) {
      deps.background(`webhook_send to ${option.uri}`, deps.webhooks.send(request, deps.settings.remoteTimeoutMs, key));
      return CONTINUE;
    }
    try {
      await deps.webhooks.send(request, timeoutMs, key);
    } catch (error) {
      context.fail('WEBHOOK_FAILED', `webhook_send to ${option.uri}: ${VoipError.from(error).message}`);
    }
    return CONTINUE;
  },
};
