import { flowManager } from '@voxmesh/contracts';
import { DEFAULT_TIMEOUT_S, emitRinging, readData, seconds, skip } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/**
 * `ring_group`: one bridge over its endpoints, each with its delay and timeout (default
 * 20 s); rung together, the group stops after its own `timeout` (default 20 s), the way
 * cf_ring_group hands Kazoo's bridge a timeout and each endpoint its own. `repeats`
 * tries again; `ignore_forward` defaults to true. See emitRinging for where the flow goes.
 */
export const ringGroup: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = readData(context, flowManager.callflowModuleCatalog.ring_group.data);
    if (data.skip_module === true) return skip(context);
    const endpoints = data.endpoints.map((endpoint) => {
      const delay = seconds(endpoint.delay) ?? 0;
      const timeout = seconds(endpoint.timeout) || DEFAULT_TIMEOUT_S;
      // Kazoo writes a weight as it writes seconds: an integer or a numeric string.
      const weight = seconds(endpoint.weight);
      return { type: endpoint.endpoint_type, id: endpoint.id, timeout: timeout * 1000, ...(delay > 0 ? { delay: delay * 1000 } : {}), ...(weight ? { weight } : {}) };
    });
    const strategy = data.strategy ?? 'simultaneous';
    return emitRinging(
      context,
      {
        endpoints,
        strategy,
        ...(strategy === 'simultaneous' ? { total_timeout: (seconds(data.timeout) || DEFAULT_TIMEOUT_S) * 1000 } : {}),
        ignore_forward: data.ignore_forward ?? true,
        ...(data.ringback ? { ringback: data.ringback } : {}),
      },
      seconds(data.repeats) ?? 1,
    );
  },
};
