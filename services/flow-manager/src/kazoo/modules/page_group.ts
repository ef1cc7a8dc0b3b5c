import { emptyRecord } from '@voxmesh/wire';
import { flowManager } from '@voxmesh/contracts';
import { BRIDGE_RESULT, readData, seconds } from '../ringing.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** cf_page_group's default ring time, in seconds. */
const DEFAULT_PAGE_TIMEOUT_S = 5;

/**
 * `page_group`: pages every device of the endpoints (a member without a type is a
 * device, as cf_page_group reads it); when there was nobody to call it goes on at `_`,
 * otherwise the callflow stops with the page.
 */
export const pageGroup: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = readData(context, flowManager.callflowModuleCatalog.page_group.data);
    const endpoints = data.endpoints.map((endpoint) => ({ type: endpoint.endpoint_type ?? 'device', id: endpoint.id }));
    const page = context.emit('page', {
      endpoints,
      timeout: (seconds(data.timeout) || DEFAULT_PAGE_TIMEOUT_S) * 1000,
      ...(data.audio === 'two-way' ? { two_way: true } : {}),
    });
    const targets = emptyRecord<string>();
    targets.NO_ENDPOINTS = context.next();
    page.next_id = context.emit('branch', { variable: BRIDGE_RESULT, target_ids: targets, default_target_id: context.emit('stop', {}).id }).id;
    return undefined;
  },
};
