import { flowManager } from '@voxmesh/contracts';
import { catalogData } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';
import { compileSettingsUpdate } from './call-settings.js';

/** `do_not_disturb`: on, off or over for `data.id`, else the caller's user, else the caller's device. */
export const doNotDisturb: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.do_not_disturb.data);
    return compileSettingsUpdate(
      context,
      { setting: 'do_not_disturb', action: data.action ?? 'toggle', ...(data.id ? { id: data.id } : {}) },
      { activated: 'Do not disturb is on.', deactivated: 'Do not disturb is off.', unavailable: 'Do not disturb is not available.' },
    );
  },
};
