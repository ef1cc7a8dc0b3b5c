import { VoipError } from '@voxmesh/wire';
import { peerOf } from '../peer.js';
import { attendedTransfer } from './attended-transfer.js';
import type { MetaflowHandler, MetaflowRun } from './types.js';

/** The account's callflow of the number, if the account has one. */
async function callflowOf(run: MetaflowRun<'transfer'>, number: string): Promise<string | undefined> {
  const route = await run.deps.flows.call('route', { query: { number } }).catch((error: unknown) => {
    if (error instanceof VoipError && (error.status === 'NOT_FOUND' || error.status === 'INVALID_ARGUMENT')) return undefined;
    throw error;
  });
  return route && route.account_id === run.call.call.account_id ? route.flow_id : undefined;
}

/**
 * konami `transfer`: the other party (the transferee) goes to the first captured number
 * or `target`. A dialled number gets Kazoo's attended transfer (attended-transfer.ts),
 * which needs the two parties to be a bridged connect. A number that is one of the
 * account's callflows has no leg to talk to first (Kazoo rings the endpoints the
 * callflow names), and `Transfer-Type` blind (channels.md) asks for none, so those are
 * blind: the transferee runs the callflow (or is connected out to the number), let go
 * from the transferor's connect first so that the transferor's hangup does not take it
 * along, and the transferor hangs up.
 */
export const transfer: MetaflowHandler<'transfer'> = async (run) => {
  const { call: transferor, deps } = run;
  const target = run.data.captured?.[0] ?? run.data.target;
  const transferee = peerOf(transferor, deps.registry);
  const skip = (reason: string) => (deps.logger.info({ call_id: transferor.call.id, target, reason }, 'metaflow transfer: nothing transferred'), 'stop' as const);
  if (target === undefined || target === '' || !transferee) return skip('no target, or no other party');
  const flowId = await callflowOf(run, target);
  const blind = (run.data['Transfer-Type'] ?? run.data['transfer-type'] ?? run.data.transfer_type) === 'blind';
  if (flowId === undefined && !blind) return (await attendedTransfer(run, transferee, target)) ? 'stop' : skip('the parties are not a bridged connect');
  if (transferee.call.activeflow_id === '') return skip('the other party has no flow');
  const actions = flowId === undefined ? [{ type: 'connect', option: { destinations: [{ type: 'tel', target }] } }] : [{ type: 'fetch_flow', option: { flow_id: flowId } }];
  await deps.flows.call('pushActions', { params: { id: transferee.call.activeflow_id }, body: { actions } });
  transferor.amend((call) => (call.chained_call_ids = call.chained_call_ids.filter((id) => id !== transferee.call.id)));
  await transferee.run(() => transferee.actionNext(true));
  await transferor.requestHangup('normal');
  return 'stop';
};
