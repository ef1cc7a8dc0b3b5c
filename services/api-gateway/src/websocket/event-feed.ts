import type { Broker, Consumer, MeshNames } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import { readEvent, type EventEnvelope } from '@voxmesh/wire';

export interface EventFeedOptions {
  broker: Broker;
  names: MeshNames;
  /** This replica's own name: its queue is its alone. */
  replicaId: string;
  sources: readonly string[];
  logger: Logger;
  onEvent: (event: EventEnvelope) => void;
}

/**
 * The replica's live feed: an exclusive queue bound to the services' fanout exchanges.
 * Every replica has its own, so each sees every event and hands its own sockets what
 * they asked for; the queue goes away with the replica. Live events are not retried:
 * a socket that was not there when it happened has no use for it later.
 */
export class EventFeed {
  private consumer: Consumer | undefined;
  readonly queue: string;

  constructor(private readonly options: EventFeedOptions) {
    this.queue = `${options.names.namespace}.api-gateway.live.${options.replicaId}`;
  }

  async start(): Promise<void> {
    const { broker, names, sources } = this.options;
    await broker.declareQueue(this.queue, { exclusive: true });
    for (const source of sources) {
      const exchange = names.eventExchange(source);
      await broker.declareFanout(exchange);
      await broker.bindQueue(this.queue, exchange);
    }
    this.consumer = await broker.consume(
      this.queue,
      async (delivery) => {
        let event: EventEnvelope;
        try {
          event = readEvent(delivery.body);
        } catch (error) {
          this.options.logger.debug({ err: error }, 'unreadable event on the live feed dropped');
          return;
        }
        try {
          this.options.onEvent(event);
        } catch (error) {
          this.options.logger.warn({ err: error, type: event.type }, 'live event handling failed');
        }
      },
      { prefetch: 256 },
    );
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.cancel();
  }
}
