import { eventCatalogs } from '@voxmesh/contracts';
import { subscriptions, type Subscriptions } from '@voxmesh/mesh';
import type { EventEnvelope } from '@voxmesh/wire';
import type { CacheInvalidation } from './cache-invalidation.js';
import type { LiveFanOut } from './fan-out.js';

/**
 * The events the gateway listens to: those a websocket may be bound to (Kazoo's channel
 * events and document changes) and those that make its caches stale. Each handler gets
 * its data checked against the publisher's schema; the rest (call_*, activeflow_*, ...)
 * are acknowledged unread.
 */
export function gatewaySubscriptions(caches: CacheInvalidation, live: LiveFanOut): Subscriptions {
  const fanOut = (data: unknown, event: EventEnvelope) => live.deliver(event.type, data);
  return subscriptions(eventCatalogs, {
    'call-manager': {
      channel_create: fanOut,
      channel_answer: fanOut,
      channel_bridge: fanOut,
      channel_destroy: fanOut,
      confbridge_joined: fanOut,
      confbridge_leaved: fanOut,
      recording_finished: fanOut,
      call_presence_updated: fanOut,
    },
    'customer-manager': {
      account_created: fanOut,
      account_updated: (account, event) => {
        caches.accountChanged(account, false);
        fanOut(account, event);
      },
      account_deleted: (account, event) => {
        caches.accountChanged(account, true);
        fanOut(account, event);
      },
      user_created: fanOut,
      user_updated: (user, event) => {
        caches.userChanged(user);
        fanOut(user, event);
      },
      user_deleted: (user, event) => {
        caches.userChanged(user);
        fanOut(user, event);
      },
      device_created: fanOut,
      device_updated: fanOut,
      device_deleted: fanOut,
      vmbox_created: fanOut,
      vmbox_updated: fanOut,
      vmbox_deleted: fanOut,
      mailbox_message_created: fanOut,
      mailbox_message_updated: fanOut,
      mailbox_message_deleted: fanOut,
      media_created: fanOut,
      media_updated: fanOut,
      media_deleted: fanOut,
      faxbox_created: fanOut,
      faxbox_updated: fanOut,
      faxbox_deleted: fanOut,
      fax_created: fanOut,
      fax_deleted: fanOut,
      auth_token_revoked: (revoked) => caches.tokenRevoked(revoked),
    },
    'flow-manager': { flow_created: fanOut, flow_updated: fanOut, flow_deleted: fanOut },
    'webhook-manager': { webhook_created: fanOut, webhook_updated: fanOut, webhook_deleted: fanOut },
  });
}
