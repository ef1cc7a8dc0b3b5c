import { hookTypes, type HookType } from './hooks.js';
import { notificationCatalogue } from './notifications.js';

/**
 * Example payloads, as `GET /v2/webhooks/samples[/{name}]` shows them. Samples are named
 * as Kazoo names them (`webhooks_channel_create`, …); a hook's own name finds them too.
 */
const ACCOUNT = '6d3a1c2ab1b14f3a9a0e4c5d7e8f9a0b';
const SAMPLE_TIMESTAMP = 63871234567;

const sampleChannel = {
  account_id: ACCOUNT,
  authorizing_id: '2b7c9e1f0a3d4c5b8e6f7a9b0c1d2e3f',
  authorizing_type: 'device',
  call_direction: 'inbound',
  call_forwarded: false,
  call_id: '7f1a3e2c-1b2d-4c5e-8f90-a1b2c3d4e5f6',
  callee_id_name: 'Support',
  callee_id_number: '+14155550100',
  caller_id_name: 'Alice',
  caller_id_number: '+14155550123',
  custom_application_vars: {},
  custom_channel_vars: { account_id: ACCOUNT },
  emergency_resource_used: false,
  from: '+14155550123@sip.example.com',
  inception: 'onnet',
  is_internal_leg: false,
  local_resource_id: '5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b',
  local_resource_used: false,
  other_leg_call_id: '0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f',
  owner_id: '8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
  request: '+14155550100@sip.example.com',
  reseller_id: ACCOUNT,
  timestamp: SAMPLE_TIMESTAMP,
  to: '+14155550100@sip.example.com',
};

/** A plausible value for a documented notification field, so every type has a sample. */
function exampleValue(field: string): unknown {
  if (field === 'account_id') return ACCOUNT;
  if (field === 'account_db') return `account%2F${ACCOUNT.slice(0, 2)}%2F${ACCOUNT.slice(2, 4)}%2F${ACCOUNT.slice(4)}`;
  if (field.endsWith('_id')) return '3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f';
  if (field.endsWith('timestamp') || field === 'due_date') return SAMPLE_TIMESTAMP;
  if (field.endsWith('_number') || field === 'number' || field === 'local_number') return '+14155550123';
  if (field.endsWith('_name')) return 'Example';
  if (field.endsWith('_realm') || field === 'realm') return 'sip.example.com';
  if (/^(call_bridged|message_left|success|suppress_unregister_notify|preview)$/.test(field)) return false;
  if (/(count|length|balance|amount|expires|port$|pid|line)/.test(field)) return 0;
  if (/^(items|errors|zones|data|hook|notify|fax_info|fax_notifications|databag|details|port|discounts|add_ons|billing_address|response|audit_log|payment_token)$/.test(field)) return field === 'items' || field === 'errors' ? [] : {};
  return 'example';
}

function notificationSample(type: string, fields: readonly string[]): Record<string, unknown> {
  const sample: Record<string, unknown> = {
    app_name: 'webhook-manager',
    app_version: '0.1.0',
    event_category: 'notification',
    event_name: type,
    msg_id: '0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9',
    node: 'webhook-manager@voxmesh',
    server_id: 'webhook-manager',
    system_log_id: '0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9',
  };
  for (const field of fields) sample[field] = exampleValue(field);
  // This platform's own fields, beside Kazoo's.
  sample.type = type;
  return sample;
}

const parkingSample = {
  account_id: ACCOUNT,
  call_id: sampleChannel.call_id,
  callee_id_name: 'Parking Lot',
  callee_id_number: '*3101',
  caller_id_name: 'Alice',
  caller_id_number: '+14155550123',
  event_name: 'PARK_PARKED',
  parking_slot: 1,
};

export const hookSamples: Readonly<Partial<Record<HookType, readonly Record<string, unknown>[]>>> = {
  channel_create: [{ ...sampleChannel, hook_event: 'channel_create' }],
  channel_answer: [{ ...sampleChannel, hook_event: 'channel_answer' }],
  channel_bridge: [{ ...sampleChannel, hook_event: 'channel_bridge', original_number: '+14155550100', other_leg_destination_number: '1001' }],
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
    { id: '4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d', account_id: ACCOUNT, action: 'doc_created', type: 'user' },
    { id: '4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d', account_id: ACCOUNT, action: 'doc_edited', type: 'user' },
    { id: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', account_id: ACCOUNT, action: 'doc_edited', type: 'callflow' },
    { id: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', account_id: ACCOUNT, action: 'doc_deleted', type: 'callflow' },
  ],
  notifications: Object.entries(notificationCatalogue).map(([type, info]) => notificationSample(type, info.fields)),
  // PARK_RETRIEVED and PARK_ABANDONED carry the same fields under their own event_name.
  parking: [parkingSample],
  all: [{ ...sampleChannel, hook_event: 'channel_create' }],
};

/** The sample names `GET /v2/webhooks/samples` lists: Kazoo's, one per hook that has samples. */
export const hookSampleNames: readonly string[] = ['channel_answer', 'channel_bridge', 'channel_create', 'channel_destroy', 'notifications', 'object', 'parking'].map(
  (hook) => `webhooks_${hook}`,
);

/** The hook a sample name stands for: `webhooks_parking`, `webhook_parking` (as one of Kazoo's examples spells it) or `parking`. */
export function sampleHookOf(name: string): HookType | undefined {
  const hook = name.replace(/^webhooks?_/, '');
  return (hookTypes as readonly string[]).includes(hook) && hookSamples[hook as HookType] !== undefined ? (hook as HookType) : undefined;
}
