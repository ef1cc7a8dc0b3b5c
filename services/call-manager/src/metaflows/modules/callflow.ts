import { VoipError } from '@voxmesh/wire';
import type { MetaflowHandler } from './types.js';

/**
 * konami `callflow`: the callflow of `id`, else the account's callflow of the first
 * captured number (or of all the digits collected), runs on the call now: its actions
 * are pushed onto the call's activeflow (a `fetch_flow`) and what the call was doing
 * is cut short. A number no callflow of the account claims does nothing.
 */
export const callflow: MetaflowHandler<'callflow'> = async (run) => {
  const { call, data, deps } = run;
  const activeflowId = call.call.activeflow_id;
  if (activeflowId === '') return 'stop';
  let flowId = data.id;
  if (flowId === undefined) {
    const number = data.captured?.[0] ?? data.collected;
    if (number === undefined || number === '') return 'stop';
    const route = await deps.flows.call('route', { query: { number } }).catch((error: unknown) => {
      if (error instanceof VoipError && (error.status === 'NOT_FOUND' || error.status === 'INVALID_ARGUMENT')) return undefined;
      throw error;
    });
    if (!route || route.account_id !== call.call.account_id) {
      deps.logger.debug({ call_id: call.call.id, number }, 'metaflow callflow: no callflow of the account claims the number');
      return 'stop';
    }
    flowId = route.flow_id;
  }
  await deps.flows.call('pushActions', { params: { id: activeflowId }, body: { actions: [{ type: 'fetch_flow', option: { flow_id: flowId } }] } });
  await call.actionNext(true);
  return 'stop';
};
