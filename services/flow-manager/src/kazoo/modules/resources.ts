import { flowManager } from '@voxmesh/contracts';
import { CALLER_ID_NAME, CALLER_ID_NAME_PREFIX, CALLER_ID_NUMBER, CALLER_ID_NUMBER_PREFIX } from '../../domain/caller-id.js';
import { emitRinging, readData, seconds, skip } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** Where routing leaves the number a call was routed by (flow-manager's captureVariables). */
const ROUTE_NUMBER = 'voipbin.route.number';

/** Compiles `resources` (the account's carriers by default) and `offnet` (the platform's). */
export function carrierModule(module: 'resources' | 'offnet', localByDefault: boolean): ModuleCompiler {
  return {
    routesChildren: true,
    compile(context: ModuleContext) {
      const data = readData(context, flowManager.callflowModuleCatalog[module].data);
      if (data.skip_module === true) return skip(context);
      const timeout = seconds(data.timeout);
      const option: Record<string, unknown> = { use_local_resources: data.use_local_resources ?? localByDefault };
      // The number the call was routed by: the dialled one, or the one a menu hunt, DISA or
      // dynamic_cid routed it by since (Kazoo updates the request's number there too).
      option.to_did = data.to_did ? data.to_did : `\${${ROUTE_NUMBER}}`;
      if (data.outbound_flags && data.outbound_flags.length > 0) option.outbound_flags = data.outbound_flags;
      if (timeout) option.timeout = timeout * 1000;
      if (data.ignore_early_media === true) option.ignore_early_media = true;
      if (data.ringback) option.ringback = data.ringback;
      if (data.emit_account_id === true) option.emit_account_id = true;
      if (data.bypass_e164 === true || data.do_not_normalize === true) option.bypass_e164 = true;
      // Read when the action runs, so a caller ID set earlier in the flow goes to the carrier.
      option.caller_id = {
        number: `\${${CALLER_ID_NUMBER}}`,
        name: `\${${CALLER_ID_NAME}}`,
        number_prefix: `\${${CALLER_ID_NUMBER_PREFIX}}`,
        name_prefix: `\${${CALLER_ID_NAME_PREFIX}}`,
      };
      return emitRinging(context, option, 1, 'carrier_bridge');
    },
  };
}

/** `resources`: see emitRinging for where the flow goes after the carriers were tried. */
export const resources = carrierModule('resources', true);
/** `offnet`, Kazoo's older name, through the platform's carriers. */
export const offnet = carrierModule('offnet', false);
