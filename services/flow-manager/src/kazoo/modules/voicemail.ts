import { flowManager } from '@voxmesh/contracts';
import { readData, seconds, skip } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `voicemail` compose: the caller leaves a message in the box `data.id`, then the call ends, as cf_voicemail stops the callflow. */
export const voicemail: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = readData(context, flowManager.callflowModuleCatalog.voicemail.data);
    if (data.skip_module === true) return skip(context);
    const limit = seconds(data.max_message_length);
    const leave = context.emit('voicemail_leave', { vmbox_id: data.id, ...(limit !== undefined ? { max_message_length: limit * 1000 } : {}) });
    leave.next_id = context.emit('stop', {}).id;
    return undefined;
  },
};
