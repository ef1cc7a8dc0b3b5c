import { z } from 'zod';
import { notificationCatalogue } from './notifications.js';

export { notificationCatalogue, notificationTypes, type NotificationInfo, type NotificationType } from './notifications.js';

/**
 * The hook types a webhook can subscribe to, Kazoo's names (reference/kazoo.md §3 and
 * applications/crossbar/doc/webhooks.md). `parking` and `sms` are Kazoo's too; this
 * platform has no call parking and no SMS, so such a hook is kept but never fires, as
 * its catalogue entry says. `all` is this platform's own.
 */
export const hookTypes = ['channel_create', 'channel_answer', 'channel_bridge', 'channel_destroy', 'object', 'notifications', 'parking', 'sms', 'all'] as const;
export type HookType = (typeof hookTypes)[number];

export const channelHookTypes = ['channel_create', 'channel_answer', 'channel_bridge', 'channel_destroy'] as const;
export type ChannelHookType = (typeof channelHookTypes)[number];

/** Hook values older Kazoo releases stored; they are read as `notifications`, as Kazoo migrates them. */
export const legacyHookTypes = ['callflow', 'inbound_fax', 'outbound_fax'] as const;

/**
 * What an `object` hook reports: the document type that changed and how. Kazoo's types
 * first; `flow` and `webhook` are this platform's own documents.
 */
export const objectTypes = ['account', 'callflow', 'device', 'faxbox', 'media', 'user', 'vmbox', 'fax', 'mailbox_message', 'call_recording', 'flow', 'webhook'] as const;
export type ObjectType = (typeof objectTypes)[number];
export const objectActions = ['doc_created', 'doc_edited', 'doc_deleted'] as const;
export type ObjectAction = (typeof objectActions)[number];

/** A modifier lists its choices: an array of values, or (notifications' `type`) an object of described values. */
export const hookModifierSchema = z.union([
  z.object({ type: z.literal('array'), description: z.string(), items: z.array(z.string()) }),
  z.object({ type: z.literal('object'), items: z.record(z.string(), z.object({ description: z.string(), friendly_name: z.string() })) }),
]);

export const hookTypeInfoSchema = z.object({
  id: z.enum(hookTypes),
  name: z.string(),
  description: z.string(),
  /** Keys a webhook may filter on, through `custom_data` as in Kazoo (or this platform's `modifiers`). */
  modifiers: z.record(z.string(), hookModifierSchema).optional(),
});
export type HookTypeInfo = z.infer<typeof hookTypeInfoSchema>;

/** Kazoo's channel hooks take no modifiers; this platform's `modifiers` field filters them by direction. */
const channelModifiers = {
  call_direction: { type: 'array' as const, description: 'Only calls in these directions', items: ['inbound', 'outbound'] },
};

function notificationItems(): Record<string, { description: string; friendly_name: string }> {
  const items: Record<string, { description: string; friendly_name: string }> = {
    all: { description: 'Every notification below.', friendly_name: 'All' },
  };
  for (const [type, info] of Object.entries(notificationCatalogue)) items[type] = { description: info.description, friendly_name: info.friendly_name };
  return items;
}

/** The catalogue behind `GET /v2/webhooks`. */
export const hookCatalogue: readonly HookTypeInfo[] = [
  { id: 'channel_create', name: 'Channel Create', description: 'A new channel (call leg) started', modifiers: channelModifiers },
  { id: 'channel_answer', name: 'Channel Answer', description: 'A channel was answered and has two-way audio', modifiers: channelModifiers },
  { id: 'channel_bridge', name: 'Channel Bridge', description: 'Two channels were bridged together', modifiers: channelModifiers },
  { id: 'channel_destroy', name: 'Channel Destroy', description: 'A channel ended, with its hangup cause and durations', modifiers: channelModifiers },
  {
    id: 'object',
    name: 'Object',
    description: 'An account document was created, edited or deleted; custom_data.type and custom_data.action narrow it down',
    modifiers: {
      action: { type: 'array', description: 'The document changes to send', items: ['all', ...objectActions] },
      type: { type: 'array', description: 'The document types to send', items: ['all', ...objectTypes] },
    },
  },
  {
    id: 'notifications',
    name: 'Notifications Webhook',
    description: 'A platform notification was raised; custom_data.type picks one type or "all"',
    modifiers: { type: { type: 'object', items: notificationItems() } },
  },
  { id: 'parking', name: 'Call Parking', description: 'A call was parked, retrieved or abandoned in a parking slot. This platform has no call parking yet, so these never fire' },
  { id: 'sms', name: 'SMS', description: 'An SMS was created. This platform has no SMS yet, so these never fire' },
  { id: 'all', name: 'All', description: 'Every event the other hook types deliver', modifiers: {} },
];

/** Kazoo keeps channel timestamps in Gregorian seconds: Unix seconds plus this. */
export const GREGORIAN_OFFSET_SECONDS = 62167219200;

/** A time as Kazoo writes it: Gregorian seconds. */
export function gregorianSeconds(unixMs: number): number {
  return Math.floor(unixMs / 1000) + GREGORIAN_OFFSET_SECONDS;
}
