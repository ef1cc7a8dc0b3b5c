import { flowManager } from '@voxmesh/contracts';
import { approvalOf, emitFeature, targetOf } from '../features.js';
import { readData } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `eavesdrop`: listens to a call of the device, else the user (cf_eavesdrop), then stops. */
export const eavesdrop: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = readData(context, flowManager.callflowModuleCatalog.eavesdrop.data);
    const approved = approvalOf(data);
    return emitFeature(context, 'eavesdrop', { target: targetOf(data), ...(data.mode ? { mode: data.mode } : {}), ...(approved ? { approved } : {}) });
  },
};
