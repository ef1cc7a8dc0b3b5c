import { VoipError, type EventCatalog, type EventDataOf, type EventEnvelope, type EventTypeOf } from '@voxmesh/wire';
import type { EventHandler } from './event-subscriber.js';

/** A handler of one declared event type: it receives the data validated against the type's schema. */
export type EventListener<C extends EventCatalog, K extends EventTypeOf<C>> = (data: EventDataOf<C, K>, event: EventEnvelope) => Promise<void> | void;

/** The handlers of one publisher's events, by type; types left out are acknowledged and counted as ignored. */
export type CatalogListeners<C extends EventCatalog> = { readonly [K in EventTypeOf<C>]?: EventListener<C, K> };

export type CatalogsByService = Readonly<Record<string, EventCatalog>>;

/**
 * What a service listens to, by publisher and then by event type. A publisher's entry may
 * instead be one `EventHandler` taking every type that publisher declares as the raw
 * envelope, for a consumer that reads events with schemas of its own (webhook-manager's
 * intake): it validates what it reads and throws `VoipError.invalidArgument` for what does
 * not fit, which parks the event.
 */
export type SubscriptionTable<Cs extends CatalogsByService> = { readonly [S in keyof Cs]?: CatalogListeners<Cs[S]> | EventHandler };

export interface Subscriptions {
  /** The publishers listened to: the subscribe queue is bound to their exchanges. */
  services: string[];
  /** Handlers by event type, for `EventSubscriber`; a type no subscribed catalog declares has none. */
  handlers: Record<string, EventHandler>;
}

function invalid(event: EventEnvelope, issue: { path: PropertyKey[]; message: string } | undefined): VoipError {
  const field = ['data', ...(issue?.path ?? []).map(String)].join('.');
  return VoipError.invalidArgument(field, `${event.type} from ${event.publisher ?? 'unknown'}: ${field}: ${issue?.message ?? 'invalid'}`);
}

/** The handler of a typed listener: validates `data` first; data that does not fit is invalid for good. */
function validating(catalog: EventCatalog, type: string, listener: (data: unknown, event: EventEnvelope) => Promise<void> | void): EventHandler {
  const spec = catalog.events[type];
  if (!spec) throw new Error(`${catalog.service} declares no event ${type}`);
  return async (event) => {
    const parsed = spec.data.safeParse(event.data);
    if (!parsed.success) throw invalid(event, parsed.error.issues[0]);
    await listener(parsed.data, event);
  };
}

/**
 * Compiles a subscription table against the publishers' catalogs. Event types are
 * unique across the mesh, so the subscriber dispatches on the type alone; a type two
 * subscribed catalogs both declare is refused here.
 */
export function subscriptions<Cs extends CatalogsByService>(catalogs: Cs, table: SubscriptionTable<Cs>): Subscriptions {
  // Keyed by the event's type, which comes from outside: no prototype to find keys on.
  const handlers = Object.create(null) as Record<string, EventHandler>;
  const owners = new Map<string, string>();
  const services: string[] = [];
  for (const service of Object.keys(table)) {
    const entry = table[service] as CatalogListeners<EventCatalog> | EventHandler | undefined;
    const catalog = catalogs[service];
    if (entry === undefined) continue;
    if (!catalog) throw new Error(`no event catalog for ${service}`);
    services.push(service);
    for (const type of Object.keys(catalog.events)) {
      const owner = owners.get(type);
      if (owner !== undefined) throw new Error(`event ${type} is declared by both ${owner} and ${service}`);
      owners.set(type, service);
      if (typeof entry === 'function') handlers[type] = entry;
    }
    if (typeof entry === 'function') continue;
    for (const [type, listener] of Object.entries(entry)) {
      handlers[type] = validating(catalog, type, listener as (data: unknown, event: EventEnvelope) => Promise<void>);
    }
  }
  return { services, handlers };
}
