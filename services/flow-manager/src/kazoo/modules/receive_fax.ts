import { flowManager } from '@voxmesh/contracts';
import { readData, skip } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** Both end the call once the fax is in, as cf_receive_fax and cf_faxbox stop the callflow. */
function receive(context: ModuleContext, option: Record<string, unknown>): undefined {
  context.emit('receive_fax', option).next_id = context.emit('stop', {}).id;
  return undefined;
}

/** `faxbox`: the fax into the box `data.id`. */
export const faxbox: ModuleCompiler = {
  routesChildren: true,
  compile(context) {
    const data = readData(context, flowManager.callflowModuleCatalog.faxbox.data);
    if (data.skip_module === true) return skip(context);
    return receive(context, { faxbox_id: data.id ?? data.faxbox_id });
  },
};

/** `receive_fax`: the fax into the account's inbox. */
export const receiveFax: ModuleCompiler = {
  routesChildren: true,
  compile(context) {
    readData(context, flowManager.callflowModuleCatalog.receive_fax.data);
    return receive(context, {});
  },
};
