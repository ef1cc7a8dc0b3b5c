import { flowManager } from '@voxmesh/contracts';
import { compileRinging, readData } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `device`: rings the device `data.id` (see compileRinging for where the flow goes next). */
export const device: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = readData(context, flowManager.callflowModuleCatalog.device.data);
    return compileRinging(context, data, { type: 'device', strategy: data.dial_strategy });
  },
};
