import { labelValue, type CounterCell, type HistogramCell, type Logger } from '@voxmesh/telemetry';
import { VoipError, readEvent, type EventEnvelope } from '@voxmesh/wire';
import { RETRY_HEADER, type Broker, type Consumer, type Delivery, type QueueOptions } from '../broker.js';
import type { MeshMetrics } from '../metrics.js';

export type EventHandler = (event: EventEnvelope) => Promise<void>;

export interface EventSubscriberOptions {
  broker: Broker;
  /** Our service name, for metrics and logs. */
  service: string;
  /** The durable subscribe queue (`<namespace>.<service>.subscribe`). */
  queue: string;
  /** Where events that failed every try are parked. */
  deadLetterQueue: string;
  /** The fanout exchanges of the services we listen to. */
  sources: string[];
  /**
   * Handlers by event type (see `subscriptions` for a typed table); `*` takes every type
   * without a handler of its own. A handler that throws `VoipError.invalidArgument` says
   * the event can never be handled: it is parked at once.
   */
  handlers: Record<string, EventHandler>;
  metrics: MeshMetrics;
  logger: Logger;
  /** Delays before each retry; its length is the number of retries. */
  retryDelaysMs?: number[];
  concurrency?: number;
  /** How the subscribe queue is declared (e.g. a single active consumer, for order across replicas). */
  queueOptions?: QueueOptions;
}

export const defaultRetryDelaysMs = [1000, 5000, 30000];

/**
 * Takes events from the service's durable queue and acknowledges each once its handler
 * is done. A handler that fails sends the event back to this queue only, through delayed
 * delivery, as many times as `retryDelaysMs` allows; after that it is parked in the
 * dead-letter queue with the last error, never silently dropped. An event no retry can
 * mend (an unreadable envelope, data failing its type's schema) is parked at once.
 */
export class EventSubscriber {
  private consumer: Consumer | undefined;
  /** Counter cells by type and result: one map lookup per event instead of prom-client's label hashing. */
  private readonly consumed = new Map<string, CounterCell>();
  private lag: HistogramCell | undefined;

  constructor(private readonly options: EventSubscriberOptions) {}

  async start(): Promise<void> {
    const { broker, queue, deadLetterQueue, sources } = this.options;
    await broker.declareQueue(queue, this.options.queueOptions);
    await broker.declareQueue(deadLetterQueue);
    for (const exchange of sources) {
      await broker.declareFanout(exchange);
      await broker.bindQueue(queue, exchange);
    }
    this.options.metrics.watchQueue(this.options.service, queue, () => broker.queueStats(queue));
    this.options.metrics.watchQueue(this.options.service, deadLetterQueue, () => broker.queueStats(deadLetterQueue));
    this.consumer = await broker.consume(queue, (delivery) => this.handle(delivery), { prefetch: this.options.concurrency ?? 16 });
  }

  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.cancel();
  }

  private async handle(delivery: Delivery): Promise<void> {
    const { logger } = this.options;
    this.observeLag(delivery);
    let event: EventEnvelope;
    try {
      event = readEvent(delivery.body);
    } catch (error) {
      // No retry can make a malformed event readable: park it at once.
      this.count('malformed', 'dead');
      await this.park(delivery, error);
      return;
    }
    const { handlers } = this.options;
    // The type comes from outside: only the table's own keys count, never inherited ones.
    const handler = Object.hasOwn(handlers, event.type) ? handlers[event.type] : Object.hasOwn(handlers, '*') ? handlers['*'] : undefined;
    if (!handler) {
      this.count(event.type, 'ignored');
      return;
    }
    try {
      await handler(event);
      this.count(event.type, 'ok');
    } catch (error) {
      if (error instanceof VoipError && error.status === 'INVALID_ARGUMENT') {
        logger.warn({ type: event.type, publisher: event.publisher, field: error.field, reason: error.message }, 'malformed event parked');
        this.count(event.type, 'invalid');
        await this.park(delivery, error);
        return;
      }
      const tries = Number(delivery.properties.headers?.[RETRY_HEADER] ?? 0);
      const delays = this.options.retryDelaysMs ?? defaultRetryDelaysMs;
      const delay = delays[tries];
      if (delay === undefined) {
        logger.error({ err: error, type: event.type, tries }, 'event failed every retry; parked');
        this.count(event.type, 'dead');
        await this.park(delivery, error);
        return;
      }
      logger.warn({ err: error, type: event.type, retry: tries + 1, delay_ms: delay }, 'event handler failed; retrying later');
      this.count(event.type, 'retry');
      const headers = { ...delivery.properties.headers, [RETRY_HEADER]: tries + 1 };
      await this.options.broker.sendDelayed(this.options.queue, delivery.body, { ...delivery.properties, headers, persistent: true }, delay);
    }
  }

  /** A retried event waited on purpose; only the first delivery says how far behind this subscriber is. */
  private observeLag(delivery: Delivery): void {
    const stamped = delivery.properties.timestamp;
    if (stamped === undefined || delivery.properties.headers?.[RETRY_HEADER] !== undefined) return;
    const seconds = Date.now() / 1000 - Number(stamped);
    if (!Number.isFinite(seconds)) return;
    this.lag ??= this.options.metrics.eventsLag.cell([this.options.service]);
    this.lag.observe(Math.max(0, seconds));
  }

  private count(type: string, result: 'ok' | 'retry' | 'dead' | 'ignored' | 'invalid'): void {
    const key = `${type}\u0000${result}`;
    let cell = this.consumed.get(key);
    if (!cell) {
      // The type comes off the bus: bounded, so a sender cannot grow the series without end.
      cell = this.options.metrics.eventsConsumed.cell([this.options.service, labelValue(type), result]);
      this.consumed.set(key, cell);
    }
    cell.value++;
  }

  private async park(delivery: Delivery, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    const headers = { ...delivery.properties.headers, 'x-last-error': reason.slice(0, 1000), 'x-parked-at': new Date().toISOString() };
    await this.options.broker.send(this.options.deadLetterQueue, delivery.body, { ...delivery.properties, headers, persistent: true });
  }
}
