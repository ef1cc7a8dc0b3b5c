import { CALLER_ID_NAME_PREFIX as NAME, CALLER_ID_NUMBER_PREFIX as NUMBER } from '../../domain/caller-id.js';
import { optionalString } from '../data.js';
import type { EmittedAction, ModuleCompiler, ModuleContext } from '../types.js';

/**
 * `prepend_cid`: puts a prefix before the caller id shown on the legs this call places
 * (a later prefix goes in front of an earlier one, as in Kazoo); `action: reset` clears
 * them; `apply_to: original` puts the prefix on the caller id as it came, replacing
 * earlier prefixes. Kept in `voipbin.call.caller_id_name_prefix` / `..._number_prefix`.
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
    const applyTo = optionalString(context, 'apply_to') ?? 'current';
    if (applyTo !== 'current' && applyTo !== 'original') context.invalid('apply_to', 'must be current or original');
    const stacked = (prefix: string, variable: string) => (applyTo === 'original' ? prefix : `${prefix}\${${variable}}`);
    const name = optionalString(context, 'caller_id_name_prefix');
    const number = optionalString(context, 'caller_id_number_prefix');
    if (name === undefined && number === undefined) context.invalid('caller_id_name_prefix', 'give caller_id_name_prefix or caller_id_number_prefix');
    let last: EmittedAction | undefined;
    if (name !== undefined) last = context.emit('variable_set', { key: NAME, value: stacked(name, NAME) });
    if (number !== undefined) {
      const emitted = context.emit('variable_set', { key: NUMBER, value: stacked(number, NUMBER) });
      if (last) last.next_id = emitted.id;
      last = emitted;
    }
    return last;
  },
};
