import { flowManager } from '@voxmesh/contracts';
import { readData, seconds, skip } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `voicemail`: compose (leave a message) or check (listen) on the box `data.id`, then the call ends, as cf_voicemail stops the callflow. */
export const voicemail: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = readData(context, flowManager.callflowModuleCatalog.voicemail.data);
    if (data.skip_module === true) return skip(context);
    if (data.action === 'check') {
      context.emit('voicemail_check', { vmbox_id: data.id }).next_id = context.emit('stop', {}).id;
      return undefined;
    }
    const limit = seconds(data.max_message_length);
    const leave = context.emit('voicemail_leave', { vmbox_id: data.id, ...(limit !== undefined ? { max_message_length: limit * 1000 } : {}) });
    leave.next_id = context.emit('stop', {}).id;
    return undefined;
  },
};
