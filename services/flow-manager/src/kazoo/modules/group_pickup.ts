import { flowManager } from '@voxmesh/contracts';
import { approvalOf, emitFeature, targetOf } from '../features.js';
import { readData } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `group_pickup`: answers a call ringing at the device, user or group (cf_group_pickup: unbridged calls only), then stops. */
export const groupPickup: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = readData(context, flowManager.callflowModuleCatalog.group_pickup.data);
    const approved = approvalOf(data);
    return emitFeature(context, 'pickup', { targets: [targetOf(data)], unbridged_only: true, ...(approved ? { approved } : {}) });
  },
};
