import { flowManager } from '@voxmesh/contracts';
import { catalogData } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/**
 * `cidlistmatch`: asks the account's match list `id` about the caller's number when the
 * call gets there (the list may change between calls); on it goes to `match`, off it to
 * `nomatch`, either missing to `_`.
 */
export const cidlistmatch: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.cidlistmatch.data);
    const fallback = context.next();
    const check = context.emit('list_match', { list_id: data.id, number: '${voipbin.call.source.target}', false_target_id: context.child('nomatch') ?? fallback });
    check.next_id = context.child('match') ?? fallback;
    return undefined;
  },
};
