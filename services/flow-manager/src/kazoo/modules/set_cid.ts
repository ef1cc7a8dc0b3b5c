import { optionalString } from '../data.js';
import type { EmittedAction, ModuleCompiler, ModuleContext } from '../types.js';

/**
 * `set_cid`: sets the caller id the call presents from now on. flow-manager keeps it in
 * the variables `voipbin.call.caller_id_name` and `voipbin.call.caller_id_number`,
 * which call-manager uses when it places a leg.
 */
export const setCid: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const name = optionalString(context, 'caller_id_name');
    const number = optionalString(context, 'caller_id_number');
    if (name === undefined && number === undefined) context.invalid('caller_id_name', 'give caller_id_name or caller_id_number');
    let last: EmittedAction | undefined;
    if (name !== undefined) last = context.emit('variable_set', { key: 'voipbin.call.caller_id_name', value: name });
    if (number !== undefined) {
      const emitted = context.emit('variable_set', { key: 'voipbin.call.caller_id_number', value: number });
      if (last) last.next_id = emitted.id;
      last = emitted;
    }
    return last;
  },
};
