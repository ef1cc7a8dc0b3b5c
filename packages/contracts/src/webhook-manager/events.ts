import { z } from 'zod';
import { defineEvents, type EventDataOf, type EventTypeOf } from '@voxmesh/wire';
import { webhookSchema } from './webhook.js';

/**
 * The events webhook-manager listens to, as the services that publish them should send
 * them. Payload schemas keep what a customer may see: a channel event's unknown keys
 * are dropped before it reaches a webhook, so an internal field never leaks.
 */

const flag = z.boolean().optional();
const text = z.string().optional();
const count = z.number().optional();

/**
 * call-manager's Kazoo channel events (`channel_create`, `channel_answer`,
 * `channel_bridge`, `channel_destroy`) carry Kazoo's webhook payload fields.
 */
export const channelEventDataSchema = z.object({
  account_id: z.string().min(1),
  call_id: z.string().min(1),
  authorizing_id: text,
  authorizing_type: text,
  call_direction: text,
  call_forwarded: flag,
  callee_id_name: text,
  callee_id_number: text,
  caller_id_name: text,
  caller_id_number: text,
  custom_channel_vars: z.record(z.string(), z.unknown()).optional(),
  custom_application_vars: z.record(z.string(), z.unknown()).optional(),
  emergency_resource_used: flag,
  from: text,
  to: text,
  request: text,
  inception: text,
  is_internal_leg: flag,
  local_resource_used: flag,
  local_resource_id: text,
  other_leg_call_id: text,
  owner_id: text,
  reseller_id: text,
  timestamp: count.describe('Gregorian seconds (Unix + 62167219200); filled in when the publisher leaves it out.'),
  cluster_id: text,
  // channel_destroy
  hangup_cause: text,
  hangup_code: text,
  duration_seconds: count,
  ringing_seconds: count,
  billing_seconds: count,
  // channel_bridge
  original_number: text,
  other_leg_destination_number: text,
  activeflow_id: text.describe("voipbin's call, when the channel belongs to one; used to keep a call's events in order."),
});
export type ChannelEventData = z.infer<typeof channelEventDataSchema>;

export const channelEventTypes = ['channel_create', 'channel_answer', 'channel_bridge', 'channel_destroy'] as const;

/**
 * Voipbin names the owner `customer_id`; this platform says `account_id`. Both are read.
 * Extra keys are kept: the public projection is the publisher's business.
 */
const ownedResource = z.looseObject({
  id: z.string().min(1),
  account_id: z.string().optional(),
  customer_id: z.string().optional(),
});

/** customer-manager's `account_created` / `account_updated` / `account_deleted`. */
export const accountEventDataSchema = z.looseObject({
  id: z.string().min(1),
  /** The reseller (parent) account; absent for a top-level account. */
  parent_id: z.string().nullable().optional(),
  /** Kazoo's pvt_tree: every ancestor, root first. Preferred over walking parent_id when present. */
  tree: z.array(z.string()).optional(),
  name: z.string().optional(),
  webhook_uri: z.string().nullable().optional(),
  webhook_method: z.string().nullable().optional(),
  webhook_secret: z.string().nullable().optional(),
});
export type AccountEventData = z.infer<typeof accountEventDataSchema>;

/** customer-manager's `user_*` / `device_*`, flow-manager's `flow_*`: any owned document. */
export const resourceEventDataSchema = ownedResource;

/** flow-manager's `flow_*`: a flow may carry the webhook_uri its activeflows report to. */
export const flowEventDataSchema = ownedResource.extend({
  webhook_uri: z.string().nullable().optional(),
  webhook_method: z.string().nullable().optional(),
});

/** flow-manager's `activeflow_*`. */
export const activeflowEventDataSchema = ownedResource.extend({
  flow_id: z.string().optional(),
  reference_type: z.string().optional(),
  reference_id: z.string().optional(),
  webhook_uri: z.string().nullable().optional(),
  webhook_method: z.string().nullable().optional(),
});

/** call-manager's `call_*` and `recording_*`: voipbin's public projections. */
export const callEventDataSchema = ownedResource.extend({ activeflow_id: z.string().optional() });
export const recordingEventDataSchema = ownedResource.extend({
  activeflow_id: z.string().optional(),
  call_id: z.string().optional(),
  reference_type: z.string().optional(),
  reference_id: z.string().optional(),
});

export const webhookDocEventDataSchema = webhookSchema;

export const webhookDisabledEventDataSchema = z.object({
  id: z.string().describe('The webhook.'),
  account_id: z.string(),
  name: z.string(),
  uri: z.string(),
  hook: z.string(),
  reason: z.string().describe('Why it was disabled, in words.'),
  failures: z.number().int().describe('Failed deliveries counted in the window.'),
  window_ms: z.number().int().describe('The window the failures were counted over.'),
  disabled_at: z.string(),
});
export type WebhookDisabledEventData = z.infer<typeof webhookDisabledEventDataSchema>;

/** What webhook-manager publishes on its own exchange. */
export const webhookManagerEvents = defineEvents('webhook-manager', {
  webhook_created: { summary: 'A webhook was created over the API.', data: webhookDocEventDataSchema },
  webhook_updated: { summary: 'A webhook changed: over the API, or disabled after too many failures.', data: webhookDocEventDataSchema },
  webhook_deleted: { summary: 'A webhook was deleted; its document as it was.', data: webhookDocEventDataSchema },
  webhook_disabled: { summary: 'A webhook failed too often within the window and was disabled; the account is told through its `notifications` hooks.', data: webhookDisabledEventDataSchema },
});

export type WebhookManagerEvents = typeof webhookManagerEvents;
export type WebhookEventType = EventTypeOf<WebhookManagerEvents>;
export type WebhookEventData<T extends WebhookEventType> = EventDataOf<WebhookManagerEvents, T>;
