import { eventCatalogs, type flowManager } from '@voxmesh/contracts';
import { subscriptions, type Subscriptions } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import type { DeviceDirectory } from '../calls/devices.js';
import type { CallRegistry } from '../calls/registry.js';

/**
 * The events call-manager listens to (voipbin §1.11): an activeflow of a call that ends
 * without it (stopped or deleted over the API) hangs the call up; a changed device is
 * read again on the next call; a deleted account's calls are hung up. Each handler gets
 * its event's data checked against the publisher's schema; data that fails it is parked.
 */
export function createSubscriptions(deps: { registry: CallRegistry; devices: DeviceDirectory; logger: Logger }): Subscriptions {
  const activeflowChanged = (activeflow: flowManager.ActiveflowSummary, deleted: boolean) => {
    if (activeflow.status !== 'ended' && !deleted) return;
    if (activeflow.reference_type !== 'call') return;
    const session = deps.registry.get(activeflow.reference_id);
    if (!session || session.ending || session.call.activeflow_id !== activeflow.id) return;
    session.enqueue('activeflow ended', () => session.activeflowEnded());
  };
  const deviceChanged = (device: { account_id: string }) => deps.devices.invalidate(device.account_id);
  return subscriptions(eventCatalogs, {
    'flow-manager': {
      activeflow_updated: (activeflow) => activeflowChanged(activeflow, false),
      activeflow_deleted: (activeflow) => activeflowChanged(activeflow, true),
    },
    'customer-manager': {
      device_created: deviceChanged,
      device_updated: deviceChanged,
      device_deleted: deviceChanged,
      account_deleted: (account) => {
        for (const session of deps.registry.all()) {
          if (session.call.account_id !== account.id || session.ending) continue;
          deps.logger.info({ call_id: session.call.id, account_id: account.id }, 'account deleted; hanging up its call');
          session.enqueue('account deleted', () => session.requestHangup('normal'));
        }
      },
    },
  });
}
