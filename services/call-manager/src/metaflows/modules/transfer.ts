import { VoipError } from '@voxmesh/wire';
import { peerOf } from '../peer.js';
import type { MetaflowHandler, MetaflowRun } from './types.js';

/** The actions that take the transferee to the target: the account's callflow of the number, else a call out to it. */
async function actionsFor(run: MetaflowRun<'transfer'>, target: string): Promise<{ type: string; option: Record<string, unknown> }[]> {
  const route = await run.deps.flows.call('route', { query: { number: target } }).catch((error: unknown) => {
    if (error instanceof VoipError && (error.status === 'NOT_FOUND' || error.status === 'INVALID_ARGUMENT')) return undefined;
    throw error;
  });
  if (route && route.account_id === run.call.call.account_id) return [{ type: 'fetch_flow', option: { flow_id: route.flow_id } }];
  return [{ type: 'connect', option: { destinations: [{ type: 'tel', target }] } }];
}

/**
 * konami `transfer`, blind: the other party (the transferee) goes to the first captured
 * number or `target` (the account's callflow of that number, else a call out to it),
 * and the leg that pressed (the transferor) hangs up. The transferee is let go from
 * the transferor's connect first, so that its hangup does not take the transferee
 * with it. Kazoo's attended transfer (the transferor talking to the target first, the
 * `takeback_dtmf`, `moh` and `ringback`) is not done: those fields are accepted and
 * not used.
 */
export const transfer: MetaflowHandler<'transfer'> = async (run) => {
  const { call: transferor, deps } = run;
  const target = run.data.captured?.[0] ?? run.data.target;
  const transferee = peerOf(transferor, deps.registry);
  if (target === undefined || target === '' || !transferee || transferee.call.activeflow_id === '') {
    deps.logger.info({ call_id: transferor.call.id, target }, 'metaflow transfer: no target, or no other party with a flow');
    return 'stop';
  }
  const actions = await actionsFor(run, target);
  await deps.flows.call('pushActions', { params: { id: transferee.call.activeflow_id }, body: { actions } });
  transferor.amend((call) => (call.chained_call_ids = call.chained_call_ids.filter((id) => id !== transferee.call.id)));
  await transferee.run(() => transferee.actionNext(true));
  await transferor.requestHangup('normal');
  return 'stop';
};
