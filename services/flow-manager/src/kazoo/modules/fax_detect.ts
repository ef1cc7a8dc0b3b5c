import { flowManager } from '@voxmesh/contracts';
import { catalogData } from '../data.js';
import { seconds } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** Where call-manager leaves what it heard. */
export const FAX_DETECT_RESULT = 'voipbin.fax_detect.result';
const DEFAULT_DURATION_S = 5;

/**
 * `fax_detect`: a fax_detect action for `duration` seconds, then a branch on what it
 * heard: `fax` (else Kazoo's older `ON_FAX`) for a fax, `ON_VOICE` (else `_`) otherwise.
 * A missing child goes on to `_`.
 */
export const faxDetect: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.fax_detect.data);
    const fallback = context.next();
    // skip_module: straight on to `_`, without listening.
    if (data.skip_module === true) {
      context.emit('branch', { variable: FAX_DETECT_RESULT, target_ids: {}, default_target_id: fallback });
      return undefined;
    }
    const listen = context.emit('fax_detect', { timeout: (seconds(data.duration) ?? DEFAULT_DURATION_S) * 1000 });
    const fax = context.child('fax') ?? context.child('ON_FAX') ?? fallback;
    const voice = context.child('ON_VOICE') ?? fallback;
    listen.next_id = context.emit('branch', { variable: FAX_DETECT_RESULT, target_ids: { fax }, default_target_id: voice }).id;
    return undefined;
  },
};
