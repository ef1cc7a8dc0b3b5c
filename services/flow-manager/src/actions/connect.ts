import { VoipError } from '@voxmesh/wire';
import { currentCallerId } from '../domain/caller-id.js';
import { CONTINUE, type ActionHandler } from './types.js';

/**
 * `connect`: call-manager makes a confbridge, flow-manager makes a short flow for the
 * outgoing legs (join the confbridge, then hang up), call-manager dials the
 * destinations with it, and this call is sent into the confbridge next. When any step
 * fails the call is not left hanging: the failure is recorded and the flow goes on with
 * the action after the connect (a "could not connect you" prompt, say).
 */
export const connect: ActionHandler<'connect'> = {
  async run(context) {
    const { state, deps } = context;
    const option = context.action.option;
    if (state.reference_type !== 'call') {
      context.fail('NEEDS_CALL', 'connect needs a call to connect');
      return CONTINUE;
    }
    const timeoutMs = () => Math.max(1, Math.min(deps.settings.remoteTimeoutMs, context.deadline - Date.now()));
    try {
      const confbridge = await deps.calls.createConfbridge(
        { account_id: state.account_id, activeflow_id: state.id, reference_id: state.reference_id },
        timeoutMs(),
      );
      const legs = await deps.flows.createTemporary(state.account_id, [
        { type: 'confbridge_join', option: { confbridge_id: confbridge.id } },
        { type: 'hangup', option: {} },
      ]);
      const source = option.source ?? presentedSource(state.variables);
      const { callIds } = await deps.calls.createCalls(
        {
          account_id: state.account_id,
          flow_id: legs.id,
          master_call_id: state.reference_id,
          ...(source !== undefined ? { source } : {}),
          destinations: option.destinations,
          early_execution: option.early_media === true,
          ...(option.anonymous !== undefined ? { anonymous: option.anonymous } : {}),
          ...(option.timeout !== undefined ? { timeout: Math.ceil(option.timeout / 1000) } : {}),
        },
        timeoutMs(),
      );
      const join = { type: 'confbridge_join' as const, option: { confbridge_id: confbridge.id } };
      // relay_reason: once the caller leaves the confbridge, its call ends with the reason
      // the one outgoing leg ended with (voipbin does this only for a single leg).
      const relayTo = option.relay_reason === true && callIds.length === 1 ? callIds[0] : undefined;
      context.push(relayTo === undefined ? [join] : [join, { type: 'hangup' as const, option: { reference_id: relayTo } }], 'option');
    } catch (error) {
      context.fail('CONNECT_FAILED', `connect: ${VoipError.from(error).message}`);
    }
    return CONTINUE;
  },
};

/**
 * The caller id the legs present when the connect names no source: the one a callflow
 * module set or prefixed (set_cid, dynamic_cid, check_cid, prepend_cid), else nothing,
 * and call-manager presents the caller's own.
 */
function presentedSource(variables: Record<string, string>): { type: string; target: string; target_name: string } | undefined {
  const callerId = currentCallerId(variables);
  if (!callerId.changed || callerId.number === '') return undefined;
  return { type: variables['voipbin.call.source.type'] || 'tel', target: callerId.number, target_name: callerId.name === '' ? callerId.number : callerId.name };
}
