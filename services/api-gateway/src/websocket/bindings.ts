import { webhookManager } from '@voxmesh/contracts';

/**
 * Blackhole's bindings (reference/kazoo.md §4) for what this platform publishes:
 * `call.<EVENT|*>.<call_id|*>` for channel events and `object.<action|*>.<type|*>` for
 * document changes. Conference, fax, dialog and MWI bindings have no events here yet,
 * so asking for them is answered as unavailable rather than accepted and left silent.
 */
export const CALL_EVENTS = ['CHANNEL_CREATE', 'CHANNEL_ANSWER', 'CHANNEL_DESTROY', 'CHANNEL_BRIDGE', 'CHANNEL_HOLD', 'CHANNEL_UNHOLD'] as const;
export const OBJECT_ACTIONS = webhookManager.objectActions;
export const OBJECT_TYPES = webhookManager.objectTypes;

export type Binding =
  | { kind: 'call'; text: string; event: string; callId: string }
  | { kind: 'object'; text: string; action: string; type: string };

export type ParsedBinding = { ok: true; binding: Binding } | { ok: false; error: string };

const MAX_BINDING = 255;

export function parseBinding(text: unknown): ParsedBinding {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_BINDING || /[\s\u0000-\u001f]/.test(text)) {
    return { ok: false, error: 'binding must be a non-empty string without spaces' };
  }
  const [kind, first, ...rest] = text.split('.');
  const last = rest.join('.');
  if (kind === 'call') {
    if (first === undefined || last === '') return { ok: false, error: `binding ${text} must look like call.<EVENT|*>.<call_id|*>` };
    if (first !== '*' && !(CALL_EVENTS as readonly string[]).includes(first)) return { ok: false, error: `event ${first} not supported` };
    return { ok: true, binding: { kind: 'call', text, event: first, callId: last } };
  }
  if (kind === 'object') {
    if (first === undefined || last === '' || rest.length !== 1) return { ok: false, error: `binding ${text} must look like object.<action|*>.<type|*>` };
    if (first !== '*' && !(OBJECT_ACTIONS as readonly string[]).includes(first)) return { ok: false, error: `event ${first} not supported` };
    if (last !== '*' && !(OBJECT_TYPES as readonly string[]).includes(last)) return { ok: false, error: `object type ${last} not supported` };
    return { ok: true, binding: { kind: 'object', text, action: first, type: last } };
  }
  return { ok: false, error: 'no available subscriptions to requested binding' };
}

/** What happened, as the bindings see it. */
export type LiveEvent =
  | { kind: 'call'; accounts: string[]; event: string; callId: string; data: Record<string, unknown> }
  | { kind: 'object'; accounts: string[]; action: string; type: string; data: Record<string, unknown> };

export function matches(binding: Binding, event: LiveEvent): boolean {
  if (binding.kind === 'call' && event.kind === 'call') {
    return (binding.event === '*' || binding.event === event.event) && (binding.callId === '*' || binding.callId === event.callId);
  }
  if (binding.kind === 'object' && event.kind === 'object') {
    return (binding.action === '*' || binding.action === event.action) && (binding.type === '*' || binding.type === event.type);
  }
  return false;
}

/** The concrete key of an event (`call.CHANNEL_CREATE.<call_id>`). */
export function routingKeyOf(event: LiveEvent): string {
  return event.kind === 'call' ? `call.${event.event}.${event.callId}` : `object.${event.action}.${event.type}`;
}

export function nameOf(event: LiveEvent): string {
  return event.kind === 'call' ? event.event : event.action;
}

/** `GET /v2/websockets`: the bindings a client may ask for, grouped by module. */
export function bindingCatalogue(): Record<string, Record<string, string>[]> {
  return {
    call: [
      ...CALL_EVENTS.map((event) => ({ binding: `call.${event}.*`, event })),
      { binding: 'call.*.*', event: '*', description: 'every channel event' },
    ],
    object: [
      ...OBJECT_ACTIONS.map((action) => ({ binding: `object.${action}.*`, event: action })),
      ...OBJECT_TYPES.map((type) => ({ binding: `object.*.${type}`, event: '*', type })),
      { binding: 'object.*.*', event: '*', description: 'every document change' },
    ],
  };
}
