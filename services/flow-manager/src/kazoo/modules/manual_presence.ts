import { requiredString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

const STATUSES = new Set(['idle', 'ringing', 'busy']);

/**
 * `manual_presence`: `presence_id` (a name, or name@realm) shows `status` idle, ringing
 * or busy on the phones watching it. call-manager adds the account's realm to a bare name.
 */
export const manualPresence: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const presenceId = requiredString(context, 'presence_id').trim();
    if (!/^[^\s@]+(@[^\s@]+)?$/.test(presenceId)) context.invalid('presence_id', 'must be a name or name@realm');
    const status = requiredString(context, 'status').toLowerCase();
    if (!STATUSES.has(status)) context.invalid('status', 'must be idle, ringing or busy');
    return context.emit('presence_set', { presence_id: presenceId, status });
  },
};
