import { flowManager } from '@voxmesh/contracts';
import { compileEndpoint, readData } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `user`: rings every device of the user `data.id`, by `strategy` (see compileEndpoint for where the flow goes next). */
export const user: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = readData(context, flowManager.callflowModuleCatalog.user.data);
    return compileEndpoint(context, data, { type: 'user', strategy: data.strategy });
  },
};
