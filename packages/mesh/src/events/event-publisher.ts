import { JSON_DATA_TYPE, encode, type EventCatalog, type EventInputOf, type EventTypeOf } from '@voxmesh/wire';
import type { Broker } from '../broker.js';
import type { CounterCell } from '@voxmesh/telemetry';
import type { MeshMetrics } from '../metrics.js';

/**
 * A service's publisher before it is typed: it publishes nothing until `typed(catalog)`
 * names the events the service declares.
 */
export type UntypedEventPublisher = EventPublisher<EventCatalog<Record<never, never>>>;

export interface EventPublisherOptions {
  broker: Broker;
  /** The service's fanout exchange (`-rabbit_queue_event`). */
  exchange: string;
  /** Our service name, sent as `publisher`. */
  publisher: string;
  metrics: MeshMetrics;
}

/**
 * Publishes `{type, publisher, data_type, data}` to the service's fanout exchange,
 * persistent and confirmed: `publish` resolves only once the broker holds the event.
 * Typed by the service's catalog (`typed`), it takes only the declared types, each with
 * data that fits its schema: checked when compiling, so a publish costs no parse.
 */
export class EventPublisher<C extends EventCatalog = EventCatalog> {
  private declared: Promise<void> | undefined;
  /** Set once the exchange is known to exist, so a publish need not wait a turn for it. */
  private exchangeReady = false;
  private readonly published = new Map<string, CounterCell>();

  constructor(private readonly options: EventPublisherOptions) {}

  publish<K extends EventTypeOf<C>>(type: K, data: EventInputOf<C, K>): Promise<void> {
    if (!this.exchangeReady) return this.declare().then(() => this.send(type, data));
    return this.send(type, data);
  }

  /** This publisher, taking only the events `catalog` declares; the catalog must be our service's. */
  typed<T extends EventCatalog>(catalog: T): EventPublisher<T> {
    if (catalog.service !== this.options.publisher) {
      throw new Error(`the events of ${catalog.service} cannot be published as ${this.options.publisher}`);
    }
    return this as unknown as EventPublisher<T>;
  }

  private declare(): Promise<void> {
    this.declared ??= this.options.broker.declareFanout(this.options.exchange).then(
      () => {
        this.exchangeReady = true;
      },
      (error: unknown) => {
        this.declared = undefined;
        throw error;
      },
    );
    return this.declared;
  }

  private send(type: string, data: unknown): Promise<void> {
    const { broker, exchange, publisher, metrics } = this.options;
    const body = encode({ type, publisher, data_type: JSON_DATA_TYPE, data });
    let counted = this.published.get(type);
    if (!counted) {
      counted = metrics.eventsPublished.cell([publisher, type]);
      this.published.set(type, counted);
    }
    const cell = counted;
    return broker.publish(exchange, body, { contentType: JSON_DATA_TYPE, persistent: true, timestamp: Math.floor(Date.now() / 1000) }).then(() => {
      cell.value++;
    });
  }
}
