import { webhookManager } from '@voxmesh/contracts';
import type { EventEnvelope } from '@voxmesh/wire';
import type { LiveEvent } from './bindings.js';

const CHANNEL_TYPES: Record<string, string> = {
  channel_create: 'CHANNEL_CREATE',
  channel_answer: 'CHANNEL_ANSWER',
  channel_destroy: 'CHANNEL_DESTROY',
  channel_bridge: 'CHANNEL_BRIDGE',
  channel_hold: 'CHANNEL_HOLD',
  channel_unhold: 'CHANNEL_UNHOLD',
};

const ACTIONS: Record<string, string> = { created: 'doc_created', updated: 'doc_edited', deleted: 'doc_deleted' };

/** call-manager's confbridge events, by the member event names FreeSWITCH conferences (and so Kazoo's) use. */
const CONFERENCE_EVENTS: Record<string, string> = { confbridge_joined: 'add-member', confbridge_leaved: 'del-member' };

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Turns a mesh event into what websocket clients may see, or nothing. Channel events keep
 * the public channel fields only (snake_case, as blackhole sends them); document changes
 * are `{id, account_id, action, type}` as Kazoo's object events are, so no document (nor
 * an account's webhook secret) ever leaves through a socket.
 */
export function liveEventOf(event: EventEnvelope): LiveEvent | undefined {
  const data = asRecord(event.data);
  if (!data) return undefined;
  const channel = CHANNEL_TYPES[event.type];
  if (channel !== undefined) {
    const parsed = webhookManager.channelEventDataSchema.safeParse(data);
    if (!parsed.success) return undefined;
    const { activeflow_id: _internal, ...visible } = parsed.data;
    return { kind: 'call', accounts: [parsed.data.account_id], event: channel, callId: parsed.data.call_id, data: visible };
  }
  const conference = CONFERENCE_EVENTS[event.type];
  if (conference !== undefined) return conferenceEventOf(conference, data);
  if (event.type === 'recording_finished') return recordingStoredOf(data);
  if (event.type === 'call_presence_updated') return presenceOf(data);
  const match = /^(account|user|device|flow|webhook|vmbox|mailbox_message)_(created|updated|deleted)$/.exec(event.type);
  if (!match) return undefined;
  // Kazoo knows a voicemail message by its media_id.
  const id = str(match[1] === 'mailbox_message' ? data.media_id : data.id);
  if (!id) return undefined;
  const action = ACTIONS[match[2]!]!;
  let type: string = match[1]!;
  let accounts: string[];
  if (type === 'account') {
    // A sub-account's change is news to its parent as well as to itself.
    accounts = [id, ...(str(data.parent_id) ? [str(data.parent_id)!] : [])];
  } else {
    const owner = str(data.account_id) ?? str(data.customer_id);
    if (!owner) return undefined;
    accounts = [owner];
    if (type === 'flow' && data.type === 'callflow') type = 'callflow';
  }
  return { kind: 'object', accounts, action, type, data: { id, account_id: type === 'account' ? id : accounts[0]!, action, type } };
}

/** A call came into or left a conference: who, where, and who is in it now. */
function conferenceEventOf(name: string, data: Record<string, unknown>): LiveEvent | undefined {
  const conferenceId = str(data.id);
  const callId = str(data.call_id);
  const accountId = str(data.account_id);
  if (!conferenceId || !callId || !accountId) return undefined;
  const participants = Array.isArray(data.call_ids) ? data.call_ids.filter((id): id is string => typeof id === 'string') : [];
  return {
    kind: 'conference',
    accounts: [accountId],
    event: name,
    conferenceId,
    callId,
    data: { event: name, account_id: accountId, conference_id: conferenceId, call_id: callId, participants },
  };
}

/** A stored recording is Kazoo's call_recording document created. */
function recordingStoredOf(data: Record<string, unknown>): LiveEvent | undefined {
  const id = str(data.id);
  const accountId = str(data.account_id) ?? str(data.customer_id);
  if (!id || !accountId) return undefined;
  return { kind: 'object', accounts: [accountId], action: 'doc_created', type: 'call_recording', data: { id, account_id: accountId, action: 'doc_created', type: 'call_recording' } };
}

/** A presence a flow set: who, what state (idle, ringing, busy, as Kazoo's manual_presence says), and from which call. */
function presenceOf(data: Record<string, unknown>): LiveEvent | undefined {
  const presenceId = str(data.presence_id);
  const accountId = str(data.account_id);
  const state = str(data.status);
  if (!presenceId || !accountId || !state) return undefined;
  return {
    kind: 'presence',
    accounts: [accountId],
    event: 'update',
    presenceId,
    data: { event: 'update', account_id: accountId, presence_id: presenceId, state, call_id: str(data.call_id) ?? '' },
  };
}
