import type { z } from 'zod';

/**
 * A service's events are declared once, beside its route table: each type with a
 * sentence saying when it is sent and the zod schema of its `data`. The publisher takes
 * only declared types with data that fits, subscribers receive the data typed, and
 * `docs/events.md` is generated from the same declarations.
 */
export interface EventSpec {
  /** When the event is sent, as a sentence for the reader of `docs/events.md`. */
  readonly summary: string;
  readonly data: z.ZodType;
}

export type EventTable = Readonly<Record<string, EventSpec>>;

export interface EventCatalog<T extends EventTable = EventTable, S extends string = string> {
  /** The publisher: its events go out on `<namespace>.<service>.event`. */
  readonly service: S;
  readonly events: T;
}

export function defineEvents<const S extends string, const T extends EventTable>(service: S, events: T): EventCatalog<T, S> {
  return { service, events };
}

export type EventTypeOf<C extends EventCatalog> = Extract<keyof C['events'], string>;
/** What a publisher passes as `data` for event type K. */
export type EventInputOf<C extends EventCatalog, K extends EventTypeOf<C>> = z.input<C['events'][K]['data']>;
/** What a subscriber receives as `data` for event type K, once validated. */
export type EventDataOf<C extends EventCatalog, K extends EventTypeOf<C>> = z.output<C['events'][K]['data']>;
