import { z } from 'zod';

/**
 * The hook types a webhook can subscribe to, Kazoo's names (reference/kazoo.md §3).
 * Fax, parking and SMS hooks are left out because the platform has no such events.
 */
export const hookTypes = ['channel_create', 'channel_answer', 'channel_bridge', 'channel_destroy', 'object', 'notifications', 'all'] as const;
export type HookType = (typeof hookTypes)[number];

export const channelHookTypes = ['channel_create', 'channel_answer', 'channel_bridge', 'channel_destroy'] as const;
export type ChannelHookType = (typeof channelHookTypes)[number];

/** Hook values older Kazoo releases stored; they are read as `notifications`, as Kazoo migrates them. */
export const legacyHookTypes = ['callflow', 'inbound_fax', 'outbound_fax'] as const;

/** What an `object` hook reports: the document type that changed and how. */
export const objectTypes = ['account', 'user', 'device', 'callflow', 'flow', 'webhook'] as const;
export type ObjectType = (typeof objectTypes)[number];
export const objectActions = ['doc_created', 'doc_edited', 'doc_deleted'] as const;
export type ObjectAction = (typeof objectActions)[number];

/** The notifications the platform raises; `custom_data.type` of a notifications hook picks one or `all`. */
export const notificationTypes = ['webhook_disabled', 'recording_saved', 'new_account', 'new_user'] as const;
export type NotificationType = (typeof notificationTypes)[number];

export const hookModifierSchema = z.object({
  type: z.literal('array'),
  description: z.string(),
  items: z.array(z.string()),
});

export const hookTypeInfoSchema = z.object({
  id: z.enum(hookTypes),
  name: z.string(),
  description: z.string(),
  /** Keys a webhook may filter on through `modifiers` (any payload key works; these are the documented ones). */
  modifiers: z.record(z.string(), hookModifierSchema),
});
export type HookTypeInfo = z.infer<typeof hookTypeInfoSchema>;

const channelModifiers = {
  call_direction: { type: 'array' as const, description: 'Only calls in these directions', items: ['inbound', 'outbound'] },
};

/** The catalogue behind `GET /v2/webhooks`. */
export const hookCatalogue: readonly HookTypeInfo[] = [
  { id: 'channel_create', name: 'New Calls', description: 'Receive notifications when new calls are created', modifiers: channelModifiers },
  { id: 'channel_answer', name: 'Answered Calls', description: 'Receive notifications when calls are answered', modifiers: channelModifiers },
  { id: 'channel_bridge', name: 'Bridged Calls', description: 'Receive notifications when two legs are bridged', modifiers: channelModifiers },
  {
    id: 'channel_destroy',
    name: 'Destroyed Calls',
    description: 'Receive notifications when calls end, with hangup cause and durations',
    modifiers: channelModifiers,
  },
  {
    id: 'object',
    name: 'Object',
    description: 'Receive notifications when account documents (accounts, users, devices, callflows, flows, webhooks) are created, edited or deleted',
    modifiers: {
      type: { type: 'array', description: 'A list of object types to handle', items: [...objectTypes] },
      action: { type: 'array', description: 'A list of object actions to handle', items: [...objectActions] },
    },
  },
  {
    id: 'notifications',
    name: 'Notifications',
    description: 'Receive platform notifications (a webhook disabled, a recording saved, a new account or user); custom_data.type picks one or "all"',
    modifiers: { type: { type: 'array', description: 'A list of notification types to handle', items: [...notificationTypes] } },
  },
  { id: 'all', name: 'All', description: 'Receive every event the other hook types deliver', modifiers: {} },
];

/** Kazoo keeps channel timestamps in Gregorian seconds: Unix seconds plus this. */
export const GREGORIAN_OFFSET_SECONDS = 62167219200;

const sampleChannel = {
  account_id: '6d3a1c2ab1b14f3a9a0e4c5d7e8f9a0b',
  call_direction: 'inbound',
  call_forwarded: false,
  call_id: '7f1a3e2c-1b2d-4c5e-8f90-a1b2c3d4e5f6',
  callee_id_name: 'Support',
  callee_id_number: '+14155550100',
  caller_id_name: 'Alice',
  caller_id_number: '+14155550123',
  custom_channel_vars: { account_id: '6d3a1c2ab1b14f3a9a0e4c5d7e8f9a0b' },
  emergency_resource_used: false,
  from: '+14155550123@sip.example.com',
  inception: 'onnet',
  is_internal_leg: false,
  local_resource_used: false,
  request: '+14155550100@sip.example.com',
  reseller_id: '6d3a1c2ab1b14f3a9a0e4c5d7e8f9a0b',
  timestamp: 63871234567,
  to: '+14155550100@sip.example.com',
};

/** Example payloads, as `GET /v2/webhooks/samples[/{hook}]` shows them. */
export const hookSamples: Readonly<Record<HookType, readonly Record<string, unknown>[]>> = {
  channel_create: [{ ...sampleChannel, hook_event: 'channel_create' }],
  channel_answer: [{ ...sampleChannel, hook_event: 'channel_answer' }],
  channel_bridge: [
    {
      ...sampleChannel,
      hook_event: 'channel_bridge',
      other_leg_call_id: '0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f',
      original_number: '+14155550100',
      other_leg_destination_number: '1001',
    },
  ],
  channel_destroy: [
    {
      ...sampleChannel,
      hook_event: 'channel_destroy',
      hangup_cause: 'NORMAL_CLEARING',
      hangup_code: 'sip:200',
      duration_seconds: 42,
      ringing_seconds: 3,
      billing_seconds: 39,
    },
  ],
  object: [
    { id: '4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d', account_id: sampleChannel.account_id, action: 'doc_created', type: 'user' },
    { id: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', account_id: sampleChannel.account_id, action: 'doc_edited', type: 'callflow' },
  ],
  notifications: [
    {
      type: 'webhook_disabled',
      account_id: sampleChannel.account_id,
      hook_id: '1b2c3d4e-5f60-4a1b-8c2d-3e4f5a6b7c8d',
      hook_name: 'New Calls',
      hook_uri: 'https://hooks.example.com/calls/new',
      reason: 'too many failed attempts',
      failures: 6,
      window_ms: 60000,
    },
  ],
  all: [{ ...sampleChannel, hook_event: 'channel_create' }],
};
