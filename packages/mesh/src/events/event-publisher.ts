import { JSON_DATA_TYPE, encode } from '@voxmesh/wire';
import type { Broker } from '../broker.js';
import type { MeshMetrics } from '../metrics.js';

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
 */
export class EventPublisher {
  private declared: Promise<void> | undefined;

  constructor(private readonly options: EventPublisherOptions) {}

  async publish(type: string, data: unknown): Promise<void> {
    const { broker, exchange, publisher, metrics } = this.options;
    this.declared ??= broker.declareFanout(exchange).catch((error: unknown) => {
      this.declared = undefined;
      throw error;
    });
    await this.declared;
    const body = encode({ type, publisher, data_type: JSON_DATA_TYPE, data });
    await broker.publish(exchange, body, { contentType: JSON_DATA_TYPE, persistent: true, timestamp: Math.floor(Date.now() / 1000) });
    metrics.eventsPublished.inc({ service: publisher, type });
  }
}
