import { VoipError, type EventEnvelope } from '@voxmesh/wire';
import type { z } from 'zod';
import {
  GREGORIAN_OFFSET_SECONDS,
  activeflowEventDataSchema,
  callEventDataSchema,
  channelEventDataSchema,
  recordingEventDataSchema,
  resourceEventDataSchema,
  webhookDisabledEventDataSchema,
  type NotificationType,
  type ObjectAction,
  type ObjectType,
} from '../contract.js';

/**
 * What an event means for webhooks. One platform event may fire Kazoo hooks (a channel
 * event, an object change, a notification) and voipbin's destinations (the account's
 * webhook_uri, an activeflow's) at once; this module says which, with what payload,
 * and which call its order belongs to. It reads; it decides nothing about delivery.
 */
export type HookOccurrence =
  | { hook: 'channel_create' | 'channel_answer' | 'channel_bridge' | 'channel_destroy'; payload: Record<string, unknown>; orderingKey: string }
  | { hook: 'object'; payload: { id: string; account_id: string; action: ObjectAction; type: ObjectType }; orderingKey: string }
  | { hook: 'notifications'; payload: Record<string, unknown> & { type: NotificationType; account_id: string }; orderingKey: undefined };

export interface Occurrences {
  /** The account the event is about; hooks of it and of its include_subaccounts ancestors fire. */
  accountId: string;
  hooks: HookOccurrence[];
  /** voipbin's `{type, data}`, for the account's webhook_uri and the activeflow's. */
  voipbin?: { type: string; data: unknown; orderingKey: string | undefined; activeflowId: string | undefined };
}

const objectActions: Record<string, ObjectAction> = { created: 'doc_created', updated: 'doc_edited', deleted: 'doc_deleted' };

/** `user_created` → user / doc_created; the resource prefixes the object hook reports. */
const objectTypes: Record<string, ObjectType> = {
  account: 'account',
  user: 'user',
  device: 'device',
  flow: 'flow',
  callflow: 'callflow',
  webhook: 'webhook',
  vmbox: 'vmbox',
  mailbox_message: 'mailbox_message',
  media: 'media',
  faxbox: 'faxbox',
  fax: 'fax',
};

/** Kazoo knows a voicemail message by its `media_id`; every other document by its `id`. */
const idFields: Record<string, string> = { mailbox_message: 'media_id' };

/** The event with the document's id where the object hook reads it. */
function withDocumentId(event: EventEnvelope, resource: string): EventEnvelope {
  const field = idFields[resource];
  if (field === undefined || typeof event.data !== 'object' || event.data === null) return event;
  return { ...event, data: { ...(event.data as Record<string, unknown>), id: (event.data as Record<string, unknown>)[field] } };
}

const voipbinPrefixes = ['call_', 'activeflow_', 'recording_'];

function parse<S extends z.ZodType>(schema: S, event: EventEnvelope): z.output<S> {
  const parsed = schema.safeParse(event.data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = ['data', ...(issue?.path ?? []).map(String)].join('.');
  throw VoipError.invalidArgument(field, `${event.type} from ${event.publisher ?? 'unknown'}: ${field}: ${issue?.message ?? 'invalid'}`);
}

function ownerOf(data: { account_id?: string | undefined; customer_id?: string | undefined }, event: EventEnvelope): string {
  const owner = data.account_id ?? data.customer_id;
  if (!owner) throw VoipError.invalidArgument('data.account_id', `${event.type} names no account_id (or customer_id)`);
  return owner;
}

/** Kazoo callflows and voipbin flows are both flows; a flow holding a Kazoo `flow` tree is reported as a callflow. */
function flowObjectType(data: Record<string, unknown>): ObjectType {
  const kind = data.kind ?? data.type;
  if (kind === 'callflow') return 'callflow';
  return typeof data.flow === 'object' && data.flow !== null ? 'callflow' : 'flow';
}

export function gregorianNow(now: number): number {
  return Math.floor(now / 1000) + GREGORIAN_OFFSET_SECONDS;
}

/** The call a voipbin event belongs to, so that one call's events keep their order. */
function callOf(type: string, data: Record<string, unknown>): string | undefined {
  const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  if (type.startsWith('call_')) return str(data.id);
  const referenceCall = data.reference_type === 'call' ? str(data.reference_id) : undefined;
  if (type.startsWith('recording_')) return str(data.call_id) ?? referenceCall ?? str(data.id);
  if (type.startsWith('activeflow_')) return referenceCall ?? str(data.id);
  return undefined;
}

/**
 * The fields every Kazoo notification payload starts with (its AMQP message's
 * `event_category`, `event_name`, `app_name`), and this platform's `type` beside them.
 */
function notificationHead<T extends NotificationType>(type: T, event: EventEnvelope) {
  return { type, event_category: 'notification' as const, event_name: type, app_name: event.publisher ?? 'webhook-manager' };
}

/** Kazoo's new_account names the account's SIP realm; an account event carries it when it has one. */
function realmOf(data: Record<string, unknown>): { account_realm?: string } {
  return typeof data.realm === 'string' && data.realm !== '' ? { account_realm: data.realm } : {};
}

/**
 * Kazoo's inbound_fax / outbound_fax (or their `_error` when it failed) for a fax
 * received or sent, with the fields its notifications.md gives: who sent it, the box, and
 * `fax_info` as spandsp reported it.
 */
function faxNotification(data: Record<string, unknown>, accountId: string, event: EventEnvelope) {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const success = data.success === true;
  const direction = data.folder === 'outbox' ? 'outbound_fax' : 'inbound_fax';
  return {
    ...notificationHead(success ? direction : `${direction}_error`, event),
    account_id: accountId,
    fax_id: data.id,
    faxbox_id: text(data.faxbox_id) || null,
    call_id: text(data.call_id),
    caller_id_number: text(data.from_number),
    caller_id_name: text(data.from_name),
    callee_id_number: text(data.to_number),
    callee_id_name: text(data.to_number),
    fax_timestamp: data.timestamp,
    fax_info: {
      fax_success: success,
      fax_result_code: data.result_code,
      fax_result_text: data.result_text,
      fax_transferred_pages: data.pages,
      fax_remote_station_id: data.remote_station_id,
    },
    ...(direction === 'outbound_fax' ? { fax_jobid: data.id } : {}),
    ...(success ? {} : { fax_error: data.result_text, fax_result_code: data.result_code }),
  };
}

/** Reads an event; undefined when webhooks have nothing to do with it. */
export function occurrencesOf(event: EventEnvelope, now: number): Occurrences | undefined {
  const type = event.type;

  if (type === 'channel_create' || type === 'channel_answer' || type === 'channel_bridge' || type === 'channel_destroy') {
    // The parsed data is a fresh object of our own: it becomes the payload as it is, rather
    // than be copied (every copy of a payload is paid for on every event).
    const data = parse(channelEventDataSchema, event);
    const payload: Record<string, unknown> = data;
    payload.hook_event = type;
    payload.timestamp = data.timestamp ?? gregorianNow(now);
    // activeflow_id is this platform's, not Kazoo's. Set to undefined (which no encoding writes)
    // rather than deleted, which would turn the payload into a slow dictionary object.
    if (data.activeflow_id !== undefined) payload.activeflow_id = undefined;
    return { accountId: data.account_id, hooks: [{ hook: type, payload, orderingKey: `call:${data.call_id}` }] };
  }

  if (type === 'webhook_disabled') {
    const data = parse(webhookDisabledEventDataSchema, event);
    const payload = {
      ...notificationHead('webhook_disabled', event),
      account_id: data.account_id,
      hook_id: data.id,
      hook_name: data.name,
      hook_uri: data.uri,
      reason: data.reason,
      failures: data.failures,
      window_ms: data.window_ms,
      disabled_at: data.disabled_at,
    };
    return { accountId: data.account_id, hooks: [{ hook: 'notifications', payload, orderingKey: undefined }] };
  }

  const match = /^([a-z_]+?)_(created|updated|deleted)$/.exec(type);
  const resource = match?.[1];
  const objectType = resource !== undefined ? objectTypes[resource] : undefined;
  if (match && objectType) {
    const data = parse(resourceEventDataSchema, withDocumentId(event, resource!));
    // An account's own id is its account; everything else names its owner.
    const accountId = objectType === 'account' ? data.id : ownerOf(data, event);
    const reported = objectType === 'flow' ? flowObjectType(data) : objectType;
    const action = objectActions[match[2]!]!;
    const hooks: HookOccurrence[] = [
      { hook: 'object', payload: { id: data.id, account_id: accountId, action, type: reported }, orderingKey: `doc:${data.id}` },
    ];
    if (action === 'doc_created' && (objectType === 'account' || objectType === 'user')) {
      const payload =
        objectType === 'account'
          ? { ...notificationHead('new_account', event), account_id: accountId, account_name: data.name ?? null, ...realmOf(data), id: data.id, name: data.name ?? null }
          : { ...notificationHead('new_user', event), account_id: accountId, user_id: data.id, id: data.id, name: data.name ?? null };
      hooks.push({ hook: 'notifications', payload, orderingKey: undefined });
    }
    if (action === 'doc_created' && objectType === 'fax') hooks.push({ hook: 'notifications', payload: faxNotification(data, accountId, event), orderingKey: undefined });
    return { accountId, hooks };
  }

  if (voipbinPrefixes.some((prefix) => type.startsWith(prefix))) {
    const schema = type.startsWith('call_') ? callEventDataSchema : type.startsWith('recording_') ? recordingEventDataSchema : activeflowEventDataSchema;
    const data = parse(schema, event) as Record<string, unknown> & { id: string; account_id?: string; customer_id?: string };
    const accountId = ownerOf(data, event);
    const activeflowId = type.startsWith('activeflow_') ? data.id : typeof data.activeflow_id === 'string' ? data.activeflow_id : undefined;
    const hooks: HookOccurrence[] = [];
    if (type === 'recording_finished') {
      // Kazoo reports a stored recording as a call_recording document created.
      hooks.push({ hook: 'object', payload: { id: data.id, account_id: accountId, action: 'doc_created', type: 'call_recording' }, orderingKey: `doc:${data.id}` });
      hooks.push({
        hook: 'notifications',
        payload: { ...notificationHead('recording_saved', event), account_id: accountId, recording_id: data.id, call_id: callOf(type, data) ?? null },
        orderingKey: undefined,
      });
    }
    return { accountId, hooks, voipbin: { type, data: event.data, orderingKey: callOf(type, data), activeflowId } };
  }

  return undefined;
}
