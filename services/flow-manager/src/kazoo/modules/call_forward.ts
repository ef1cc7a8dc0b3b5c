import { flowManager } from '@voxmesh/contracts';
import { catalogData } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';
import { CALL_SETTINGS_NUMBER, compileSettingsUpdate } from './call-settings.js';

/**
 * `call_forward`: the number comes from the feature code's pattern (`^\*72([0-9]*)$`
 * leaves it in `capture_group`), else the stored one, else the caller keys it in.
 */
export const callForward: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.call_forward.data);
    return compileSettingsUpdate(
      context,
      { setting: 'call_forward', action: data.action ?? 'toggle', number: '${capture_group}' },
      {
        activated: `Your calls now forward to \${${CALL_SETTINGS_NUMBER}}.`,
        deactivated: 'Call forwarding is off.',
        updated: `Your forwarding number is now \${${CALL_SETTINGS_NUMBER}}.`,
        unavailable: 'Call forwarding is not available.',
      },
    );
  },
};
