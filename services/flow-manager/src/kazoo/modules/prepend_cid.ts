import { optionalString } from '../data.js';
import type { EmittedAction, ModuleCompiler, ModuleContext } from '../types.js';

const NAME = 'voipbin.call.caller_id_name_prefix';
const NUMBER = 'voipbin.call.caller_id_number_prefix';

/**
 * `prepend_cid`: puts a prefix before the caller id shown on the legs this call places
 * (a later prefix goes in front of an earlier one, as in Kazoo); `action: reset` clears
 * them. Kept in `voipbin.call.caller_id_name_prefix` / `..._number_prefix`.
 */
export const prependCid: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const action = optionalString(context, 'action') ?? 'prepend';
    if (action === 'reset') {
      const first = context.emit('variable_set', { key: NAME, value: '' });
      const second = context.emit('variable_set', { key: NUMBER, value: '' });
      first.next_id = second.id;
      return second;
    }
    if (action !== 'prepend') context.invalid('action', 'must be prepend or reset');
    const name = optionalString(context, 'caller_id_name_prefix');
    const number = optionalString(context, 'caller_id_number_prefix');
    if (name === undefined && number === undefined) context.invalid('caller_id_name_prefix', 'give caller_id_name_prefix or caller_id_number_prefix');
    let last: EmittedAction | undefined;
    if (name !== undefined) last = context.emit('variable_set', { key: NAME, value: `${name}\${${NAME}}` });
    if (number !== undefined) {
      const emitted = context.emit('variable_set', { key: NUMBER, value: `${number}\${${NUMBER}}` });
      if (last) last.next_id = emitted.id;
      last = emitted;
    }
    return last;
  },
};
