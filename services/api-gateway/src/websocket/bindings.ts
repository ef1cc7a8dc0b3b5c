import { webhookManager } from '@voxmesh/contracts';

/**
 * Blackhole's bindings (reference/kazoo.md §4, applications/crossbar/doc/websockets.md)
 * for what this platform publishes: `call.<EVENT|*>.<call_id|*>` for channel events,
 * `object.<action|*>.<type|*>` for document changes and
 * `conference.event.<conference_id|*>.<call_id|*>` for calls joining and leaving a
 * conference, and `presence.update.<presence_id|*>` (or `presence.*`) for the presence a
 * flow sets (Pivot's manual_presence). Fax, conference command, dialog and MWI bindings have no events here yet,
 * so asking for them is answered as unavailable rather than accepted and left silent.
 * The park events are Kazoo's call events: they are offered, and never fire, since
 * this platform has no call parking.
 */
export const CALL_EVENTS = [
  'CHANNEL_CREATE',
  'CHANNEL_ANSWER',
  'CHANNEL_DESTROY',
  'CHANNEL_BRIDGE',
  'CHANNEL_HOLD',
  'CHANNEL_UNHOLD',
  'PARK_PARKED',
  'PARK_RETRIEVED',
  'PARK_ABANDONED',
] as const;
export const OBJECT_ACTIONS = webhookManager.objectActions;
export const OBJECT_TYPES = webhookManager.objectTypes;

export type Binding =
  | { kind: 'call'; text: string; event: string; callId: string }
  | { kind: 'object'; text: string; action: string; type: string }
  | { kind: 'conference'; text: string; conferenceId: string; callId: string }
  | { kind: 'presence'; text: string; presenceId: string };

export type ParsedBinding = { ok: true; binding: Binding } | { ok: false; error: string };

const MAX_BINDING = 255;
/** The form blackhole's README still shows (`doc_created.*.user.*`); read as `object.doc_created.user`. */
const LEGACY_OBJECT = /^(doc_created|doc_edited|doc_deleted|\*)\.\*\.([a-z_]+|\*)\.\*$/;

function objectBinding(text: string, action: string, type: string): ParsedBinding {
  if (action !== '*' && !(OBJECT_ACTIONS as readonly string[]).includes(action)) return { ok: false, error: `event ${action} not supported` };
  if (type !== '*' && !(OBJECT_TYPES as readonly string[]).includes(type)) return { ok: false, error: `object type ${type} not supported` };
  return { ok: true, binding: { kind: 'object', text, action, type } };
}

function conferenceBinding(text: string, parts: string[]): ParsedBinding {
  const [category, conferenceId, ...rest] = parts;
  if (category === 'command') return { ok: false, error: 'conference commands are not published by this platform; conference.event.<conference_id|*>.<call_id|*> is' };
  const callId = rest.join('.');
  if (category !== 'event' || conferenceId === undefined || conferenceId === '' || callId === '') {
    return { ok: false, error: `binding ${text} must look like conference.event.<conference_id|*>.<call_id|*>` };
  }
  return { ok: true, binding: { kind: 'conference', text, conferenceId, callId } };
}

export function parseBinding(text: unknown): ParsedBinding {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_BINDING || /[\s\u0000-\u001f]/.test(text)) {
    return { ok: false, error: 'binding must be a non-empty string without spaces' };
  }
  const legacy = LEGACY_OBJECT.exec(text);
  if (legacy) return objectBinding(text, legacy[1]!, legacy[2]!);
  const [kind, first, ...rest] = text.split('.');
  const last = rest.join('.');
  if (kind === 'call') {
    if (first === undefined || last === '') return { ok: false, error: `binding ${text} must look like call.<EVENT|*>.<call_id|*>` };
    if (first !== '*' && !(CALL_EVENTS as readonly string[]).includes(first)) return { ok: false, error: `event ${first} not supported` };
    return { ok: true, binding: { kind: 'call', text, event: first, callId: last } };
  }
  if (kind === 'object') {
    if (first === undefined || last === '' || rest.length !== 1) return { ok: false, error: `binding ${text} must look like object.<action|*>.<type|*>` };
    return objectBinding(text, first, last);
  }
  if (kind === 'conference') return conferenceBinding(text, text.split('.').slice(1));
  if (kind === 'presence') {
    // presence_id is user@realm, dots and all: everything after `presence.update.` is it.
    if (first === '*' && rest.length === 0) return { ok: true, binding: { kind: 'presence', text, presenceId: '*' } };
    if (first !== 'update' || last === '') return { ok: false, error: `binding ${text} must look like presence.update.<presence_id|*> or presence.*` };
    return { ok: true, binding: { kind: 'presence', text, presenceId: last.toLowerCase() } };
  }
  return { ok: false, error: 'no available subscriptions to requested binding' };
}

/** What happened, as the bindings see it. */
export type LiveEvent =
  | { kind: 'call'; accounts: string[]; event: string; callId: string; data: Record<string, unknown> }
  | { kind: 'object'; accounts: string[]; action: string; type: string; data: Record<string, unknown> }
  | { kind: 'conference'; accounts: string[]; event: string; conferenceId: string; callId: string; data: Record<string, unknown> }
  | { kind: 'presence'; accounts: string[]; event: 'update'; presenceId: string; data: Record<string, unknown> };

const anyOr = (wanted: string, actual: string) => wanted === '*' || wanted === actual;

export function matches(binding: Binding, event: LiveEvent): boolean {
  if (binding.kind === 'call' && event.kind === 'call') return anyOr(binding.event, event.event) && anyOr(binding.callId, event.callId);
  if (binding.kind === 'object' && event.kind === 'object') return anyOr(binding.action, event.action) && anyOr(binding.type, event.type);
  if (binding.kind === 'conference' && event.kind === 'conference') return anyOr(binding.conferenceId, event.conferenceId) && anyOr(binding.callId, event.callId);
  if (binding.kind === 'presence' && event.kind === 'presence') return anyOr(binding.presenceId, event.presenceId.toLowerCase());
  return false;
}

/** The concrete key of an event (`call.CHANNEL_CREATE.<call_id>`). */
export function routingKeyOf(event: LiveEvent): string {
  if (event.kind === 'call') return `call.${event.event}.${event.callId}`;
  if (event.kind === 'object') return `object.${event.action}.${event.type}`;
  if (event.kind === 'presence') return `presence.update.${event.presenceId}`;
  return `conference.event.${event.conferenceId}.${event.callId}`;
}

export function nameOf(event: LiveEvent): string {
  return event.kind === 'object' ? event.action : event.event;
}

/**
 * `GET /v2/websockets`: the bindings a client may ask for, grouped by module, in the
 * seed's shape (`{binding, event}` entries) and with every binding Kazoo's current
 * websockets.md lists (each object action and type, the park events, conferences).
 */
export function bindingCatalogue(): Record<string, Record<string, string>[]> {
  return {
    call: [
      ...CALL_EVENTS.map((event) => ({ binding: `call.${event}.*`, event })),
      { binding: 'call.*.*', event: '*', description: 'every channel event' },
    ],
    presence: [
      { binding: 'presence.update.*', event: 'update', description: 'presence a flow sets (manual_presence); presence.update.<user@realm> narrows it' },
      { binding: 'presence.*', event: '*', description: 'every presence event' },
    ],
    conference: [{ binding: 'conference.event.*.*', event: '*', description: 'calls joining (add-member) and leaving (del-member) a conference; conference.event.<conference_id>.<call_id|*> narrows it' }],
    object: [
      ...OBJECT_ACTIONS.flatMap((action) => OBJECT_TYPES.map((type) => ({ binding: `object.${action}.${type}`, event: action, type }))),
      ...OBJECT_ACTIONS.map((action) => ({ binding: `object.${action}.*`, event: action })),
      ...OBJECT_TYPES.map((type) => ({ binding: `object.*.${type}`, event: '*', type })),
      { binding: 'object.*.*', event: '*', description: 'every document change' },
    ],
  };
}
