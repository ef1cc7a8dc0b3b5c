import { flowManager } from '@voxmesh/contracts';
import { catalogData } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/**
 * The call as Kazoo's webhook sends it (kapps_call's JSON, keys in snake case), filled
 * in from the call's variables when the node runs.
 */
const CALL_FIELDS = {
  hook: 'callflow',
  call_id: '${voipbin.call.id}',
  account_id: '${voipbin.call.account_id}',
  caller_id_name: '${voipbin.call.source.target_name}',
  caller_id_number: '${voipbin.call.source.target}',
  callee_id_number: '${voipbin.call.destination.target}',
  from: '${voipbin.call.source.target}',
  to: '${voipbin.call.destination.target}',
  request: '${voipbin.call.destination.target}',
  direction: '${voipbin.call.direction}',
};

/**
 * `webhook`: sends the call's details, with `custom_data` over them (as Kazoo's webhooks
 * add custom_data to the event), to `uri` in the background, then goes on (Kazoo's
 * callflow does not wait either). `skip_module` makes the node go straight on.
 */
export const webhook: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.webhook.data);
    if (data.skip_module === true) return context.emit('goto', { target_id: context.next() });
    const option: Record<string, unknown> = { uri: data.uri, data: { ...CALL_FIELDS, ...(data.custom_data ?? {}) } };
    if (data.http_verb) option.method = data.http_verb.toUpperCase();
    return context.emit('webhook_send', option);
  },
};
