import { requiredString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/**
 * `callflow`: branches into another callflow (`data.id`). Its actions run as a pushed
 * stack, then the flow comes back to this node's `_` child, as Kazoo resumes the parent.
 * The stack-depth cap bounds callflows that branch into each other.
 */
export const callflow: ModuleCompiler = {
  routesChildren: false,
  compile: (context: ModuleContext) => context.emit('fetch_flow', { flow_id: requiredString(context, 'id') }),
};
