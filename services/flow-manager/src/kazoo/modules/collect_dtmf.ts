import { optionalNumber, optionalString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

export const DIGITS = 'voipbin.call.digits';

/**
 * `collect_dtmf`: collects up to `max_digits` (default 1) within `timeout` ms (default
 * 5000), ending early on `terminator` (#), and keeps them in the named collection
 * (`kazoo.collected.<collection_name>`, `default` when unnamed) for a later pivot.
 * Children other than `_` are chosen by the digits.
 */
export const collectDtmf: ModuleCompiler = {
  routesChildren: false,
  resultVariable: DIGITS,
  compile(context: ModuleContext) {
    const maxDigits = optionalNumber(context, 'max_digits', 1, 128) ?? 1;
    const timeout = optionalNumber(context, 'timeout', 1, 3_600_000) ?? 5000;
    const terminator = optionalString(context, 'terminator') ?? '#';
    const name = optionalString(context, 'collection_name') ?? 'default';
    const clear = context.emit('variable_set', { key: DIGITS, value: '' });
    const collect = context.emit('digits_receive', { duration: Math.round(timeout), length: Math.round(maxDigits), key: terminator });
    const keep = context.emit('variable_set', { key: `kazoo.collected.${name}`, value: `\${${DIGITS}}` });
    clear.next_id = collect.id;
    collect.next_id = keep.id;
    return keep;
  },
};
