import { flowManager } from '@voxmesh/contracts';
import { DYNAMIC_CID_DESTINATION, DYNAMIC_CID_RESULT } from '../../actions/caller_id_lookup.js';
import { ROUTE_FLOW_ID } from '../../actions/route_lookup.js';
import { CALLER_ID_NAME, CALLER_ID_NUMBER } from '../../domain/caller-id.js';
import { catalogData } from '../data.js';
import type { EmittedAction, ModuleCompiler, ModuleContext } from '../types.js';
import { DIGITS } from './collect_dtmf.js';

/** Kazoo's defaults (system config `callflow.dynamic_cid` and kapps_call_command). */
const DEFAULT_DIGITS = 10;
const DEFAULT_WHITELIST = '\\d+';
const DEFAULT_INTERDIGIT_MS = 2000;
const COLLECT_TIMEOUT_MS = 5000;

/** Chains emitted actions in order and returns the last. */
export function chain(actions: EmittedAction[]): EmittedAction | undefined {
  actions.forEach((action, at) => {
    const following = actions[at + 1];
    if (following) action.next_id = following.id;
  });
  return actions.at(-1);
}

/** `list` / `lists`: the caller id from the list, then the callflow of the rest of the number. */
function compileListLookup(context: ModuleContext, action: 'list' | 'lists', listId: string | null | undefined, index: string | null | undefined): undefined {
  if (!listId) context.invalid('id', `is required for action ${action}: the list holding the caller ids`);
  const lookup = context.emit('caller_id_lookup', { action, list_id: listId, captured: '${capture_group}', ...(index && action === 'list' ? { key: `\${capture_groups.${index}}` } : {}) });
  const fault = context.emit('talk', { text: 'The call cannot be completed at this time.' });
  fault.next_id = context.emit('hangup', {}).id;
  const invalid = context.emit('talk', { text: 'That number is not valid.' });
  invalid.next_id = context.emit('hangup', {}).id;
  const route = context.emit('route_lookup', { number: `\${${DYNAMIC_CID_DESTINATION}}`, false_target_id: invalid.id });
  lookup.next_id = context.emit('branch', { variable: DYNAMIC_CID_RESULT, target_ids: { failed: fault.id }, default_target_id: route.id }).id;
  const into = context.emit('fetch_flow', { flow_id: `\${${ROUTE_FLOW_ID}}` });
  route.next_id = into.id;
  into.next_id = context.emit('stop', {}).id;
  return undefined;
}

/**
 * `dynamic_cid`. `manual`: plays `media_id`, collects up to `max_digits` and, when they
 * match `whitelist_regex` and are at least `min_digits` long, presents them as the
 * caller id number; otherwise the call keeps its caller id and goes on, as in Kazoo.
 * `static`: presents `caller_id`. `list` and `lists` take the caller id from the stored
 * list `id` by the key keyed after the feature code (see caller_id_lookup), then the call
 * goes on in the callflow the rest of the number reaches, as Kazoo branches into it.
 */
export const dynamicCid: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.dynamic_cid.data);
    const action = data.action ?? 'manual';
    if (action === 'list' || action === 'lists') return compileListLookup(context, action, data.id, data.idx_name);
    if (action === 'static') {
      const emitted: EmittedAction[] = [];
      if (data.caller_id?.name) emitted.push(context.emit('variable_set', { key: CALLER_ID_NAME, value: data.caller_id.name }));
      if (data.caller_id?.number) emitted.push(context.emit('variable_set', { key: CALLER_ID_NUMBER, value: data.caller_id.number }));
      if (emitted.length === 0) context.invalid('caller_id', 'give caller_id.name or caller_id.number for action static');
      return chain(emitted);
    }
    const max = Number(data.max_digits ?? DEFAULT_DIGITS);
    const min = Number(data.min_digits ?? DEFAULT_DIGITS);
    if (min > max) context.invalid('min_digits', `must not be more than max_digits (${max})`);
    const interdigit = Number(data.interdigit_timeout ?? DEFAULT_INTERDIGIT_MS);
    const steps: EmittedAction[] = [];
    if (data.media_id) steps.push(context.emit('play', { stream_urls: [data.media_id] }));
    steps.push(context.emit('variable_set', { key: DIGITS, value: '' }));
    steps.push(context.emit('digits_receive', { duration: Math.min(COLLECT_TIMEOUT_MS + interdigit * max, 3_600_000), length: max, key: '#' }));
    const rejected = context.next();
    steps.push(context.emit('condition_regex', { variable: `\${${DIGITS}}`, pattern: data.whitelist_regex ?? DEFAULT_WHITELIST, false_target_id: rejected }));
    steps.push(context.emit('condition_variable', { condition: '>=', variable: `\${${DIGITS}}`, value_type: 'length', value_length: min, false_target_id: rejected }));
    steps.push(context.emit('variable_set', { key: CALLER_ID_NUMBER, value: `\${${DIGITS}}` }));
    return chain(steps);
  },
};
