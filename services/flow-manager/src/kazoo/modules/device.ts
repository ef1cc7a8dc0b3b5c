import { flowManager } from '@voxmesh/contracts';
import { compileEndpoint, readData } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `device`: rings the device `data.id` (see compileEndpoint for where the flow goes next). */
export const device: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = readData(context, flowManager.callflowModuleCatalog.device.data);
    return compileEndpoint(context, data, { type: 'device', strategy: data.dial_strategy });
  },
};
