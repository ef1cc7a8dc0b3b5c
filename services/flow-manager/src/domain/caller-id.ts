import type { ActiveflowState } from './model.js';

/** Where set_cid, dynamic_cid, check_cid and prepend_cid leave the caller id a flow presents. */
export const CALLER_ID_NAME = 'voipbin.call.caller_id_name';
export const CALLER_ID_NUMBER = 'voipbin.call.caller_id_number';
export const CALLER_ID_NAME_PREFIX = 'voipbin.call.caller_id_name_prefix';
export const CALLER_ID_NUMBER_PREFIX = 'voipbin.call.caller_id_number_prefix';

export interface CallerId {
  name: string;
  number: string;
  /** True when a module of the flow set or prefixed it, rather than the call bringing it. */
  changed: boolean;
}

/**
 * The caller id this call presents now: what the flow set, else what the call came
 * with, each behind the prefixes prepend_cid put in front (Kazoo's order: the newest
 * prefix first). The legs a flow places and the Pivot request both read it here.
 */
export function currentCallerId(variables: Readonly<ActiveflowState['variables']>): CallerId {
  const get = (name: string) => variables[name] ?? '';
  const first = (...values: string[]) => values.find((value) => value !== '') ?? '';
  const baseNumber = first(get(CALLER_ID_NUMBER), get('voipbin.call.source.target'));
  const baseName = first(get(CALLER_ID_NAME), get('voipbin.call.source.name'), get('voipbin.call.source.target_name'));
  const changed = [CALLER_ID_NAME, CALLER_ID_NUMBER, CALLER_ID_NAME_PREFIX, CALLER_ID_NUMBER_PREFIX].some((name) => get(name) !== '');
  return {
    name: baseName === '' ? '' : get(CALLER_ID_NAME_PREFIX) + baseName,
    number: baseNumber === '' ? '' : get(CALLER_ID_NUMBER_PREFIX) + baseNumber,
    changed,
  };
}

/**
 * The `caller_id` option of a ringing action (`bridge`): the variables above, read when
 * the action runs, so a caller id set or prefixed earlier in the flow reaches the rung
 * legs. call-manager puts the prefixes in front and leaves the caller's own when all are empty.
 */
export function callerIdOption(): { number: string; name: string; number_prefix: string; name_prefix: string } {
  return {
    number: `\${${CALLER_ID_NUMBER}}`,
    name: `\${${CALLER_ID_NAME}}`,
    number_prefix: `\${${CALLER_ID_NUMBER_PREFIX}}`,
    name_prefix: `\${${CALLER_ID_NAME_PREFIX}}`,
  };
}
