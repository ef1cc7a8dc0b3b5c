import type { Broker, Consumer, EventHandler, MeshNames } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError, readEvent, type EventEnvelope } from '@voxmesh/wire';

export interface EventFeedOptions {
  broker: Broker;
  names: MeshNames;
  /** This replica's own name: its queue is its alone. */
  replicaId: string;
  /** The publishers listened to. */
  sources: readonly string[];
  /** Handlers by event type (see `gatewaySubscriptions`); other types are dropped. */
  handlers: Record<string, EventHandler>;
  /** Where events whose data fails its schema are parked, shared by every replica. */
  deadLetterQueue: string;
  logger: Logger;
  /** Told of every event read and what came of it, for metrics. */
  onEvent: (type: string, result: 'ok' | 'ignored' | 'invalid' | 'failed') => void;
}

/**
 * The replica's live feed: an exclusive queue bound to the services' fanout exchanges.
 * Every replica has its own, so each sees every event and hands its own sockets what
 * they asked for; the queue goes away with the replica. Live events are not retried:
 * a socket that was not there when it happened has no use for it later. An event that
 * cannot be read, or whose data fails its schema, is logged, counted and parked (each
 * replica parks its own copy), and the feed goes on.
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
    await broker.declareQueue(this.options.deadLetterQueue);
    for (const source of sources) {
      const exchange = names.eventExchange(source);
      await broker.declareFanout(exchange);
      await broker.bindQueue(this.queue, exchange);
    }
    this.consumer = await broker.consume(this.queue, (delivery) => this.handle(delivery.body), { prefetch: 256 });
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.cancel();
  }

  private async handle(body: Buffer): Promise<void> {
    const { handlers, logger, onEvent } = this.options;
    let event: EventEnvelope;
    try {
      event = readEvent(body);
    } catch (error) {
      onEvent('malformed', 'invalid');
      logger.warn({ err: error }, 'unreadable event parked');
      await this.park(body, error).catch((failure: unknown) => logger.warn({ err: failure }, 'unreadable event not parked'));
      return;
    }
    const handler = Object.hasOwn(handlers, event.type) ? handlers[event.type] : undefined;
    if (!handler) {
      onEvent(event.type, 'ignored');
      return;
    }
    try {
      await handler(event);
      onEvent(event.type, 'ok');
    } catch (error) {
      if (error instanceof VoipError && error.status === 'INVALID_ARGUMENT') {
        onEvent(event.type, 'invalid');
        logger.warn({ type: event.type, publisher: event.publisher, field: error.field, reason: error.message }, 'malformed event parked');
        await this.park(body, error).catch((failure: unknown) => logger.warn({ err: failure, type: event.type }, 'malformed event not parked'));
        return;
      }
      onEvent(event.type, 'failed');
      logger.warn({ err: error, type: event.type }, 'live event handling failed');
    }
  }

  private async park(body: Buffer, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const headers = { 'x-last-error': reason.slice(0, 1000), 'x-parked-at': new Date().toISOString() };
    await this.options.broker.send(this.options.deadLetterQueue, body, { persistent: true, contentType: 'application/json', headers });
  }
}
