import { flowManager } from '@voxmesh/contracts';
import { approvalOf, emitFeature, targetOf } from '../features.js';
import { readData } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `intercept`: takes a call of the device, user or group, ringing or talking (cf_intercept), then stops. */
export const intercept: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = readData(context, flowManager.callflowModuleCatalog.intercept.data);
    const approved = approvalOf(data);
    return emitFeature(context, 'pickup', { targets: [targetOf(data)], unbridged_only: false, ...(approved ? { approved } : {}) });
  },
};
