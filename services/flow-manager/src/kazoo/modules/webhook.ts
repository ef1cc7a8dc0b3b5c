import { optionalString, requiredString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** `webhook`: sends the call's details (or `custom_data`) to `uri` with `http_verb` (post by default). */
export const webhook: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const option: Record<string, unknown> = { uri: requiredString(context, 'uri') };
    const verb = optionalString(context, 'http_verb');
    if (verb !== undefined) option.method = verb.toUpperCase();
    if (context.data.custom_data !== undefined) option.data = context.data.custom_data;
    return context.emit('webhook_send', option);
  },
};
