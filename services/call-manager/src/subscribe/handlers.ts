import type { EventHandler } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import type { DeviceDirectory } from '../calls/devices.js';
import type { CallRegistry } from '../calls/registry.js';

function field(data: unknown, name: string): string | undefined {
  const value = (data as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The events call-manager listens to (voipbin §1.11): an activeflow of a call that ends
 * without it (stopped or deleted over the API) hangs the call up; a changed device is
 * read again on the next call; a deleted account's calls are hung up.
 */
export function createSubscriptions(deps: { registry: CallRegistry; devices: DeviceDirectory; logger: Logger }): Record<string, EventHandler> {
  const activeflowChanged: EventHandler = async (event) => {
    if (field(event.data, 'status') !== 'ended' && event.type !== 'activeflow_deleted') return;
    if (field(event.data, 'reference_type') !== 'call') return;
    const session = deps.registry.get(field(event.data, 'reference_id') ?? '');
    if (!session || session.ending || session.call.activeflow_id !== field(event.data, 'id')) return;
    session.enqueue('activeflow ended', () => session.activeflowEnded());
  };
  const deviceChanged: EventHandler = async (event) => {
    const accountId = field(event.data, 'account_id');
    if (accountId) deps.devices.invalidate(accountId);
  };
  return {
    activeflow_updated: activeflowChanged,
    activeflow_deleted: activeflowChanged,
    device_created: deviceChanged,
    device_updated: deviceChanged,
    device_deleted: deviceChanged,
    account_deleted: async (event) => {
      const accountId = field(event.data, 'id');
      if (!accountId) return;
      for (const session of deps.registry.all()) {
        if (session.call.account_id !== accountId || session.ending) continue;
        deps.logger.info({ call_id: session.call.id, account_id: accountId }, 'account deleted; hanging up its call');
        session.enqueue('account deleted', () => session.requestHangup('normal'));
      }
    },
  };
}
