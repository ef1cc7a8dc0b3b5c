import { CALLER_ID_NAME, CALLER_ID_NUMBER } from '../../domain/caller-id.js';
import { optionalString } from '../data.js';
import type { EmittedAction, ModuleCompiler, ModuleContext } from '../types.js';

/**
 * `set_cid`: sets the caller id the call presents from now on. flow-manager keeps it in
 * the variables `voipbin.call.caller_id_name` and `voipbin.call.caller_id_number`; a
 * connect presents it on the legs it places, and Pivot sends it (domain/caller-id.ts).
 */
export const setCid: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const name = optionalString(context, 'caller_id_name');
    const number = optionalString(context, 'caller_id_number');
    if (name === undefined && number === undefined) context.invalid('caller_id_name', 'give caller_id_name or caller_id_number');
    let last: EmittedAction | undefined;
    if (name !== undefined) last = context.emit('variable_set', { key: CALLER_ID_NAME, value: name });
    if (number !== undefined) {
      const emitted = context.emit('variable_set', { key: CALLER_ID_NUMBER, value: number });
      if (last) last.next_id = emitted.id;
      last = emitted;
    }
    return last;
  },
};
