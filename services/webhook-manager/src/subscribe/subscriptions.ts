import { EventSubscriber, type Broker, type MeshMetrics, type MeshNames } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError, encode, type EventEnvelope } from '@voxmesh/wire';
import type { EventIntake } from '../domain/intake.js';

/** The services whose events can fire webhooks; each publishes on its own fanout exchange. */
export const SOURCE_SERVICES = ['call-manager', 'flow-manager', 'customer-manager'] as const;

/**
 * An event whose handling failed (the database away, most likely) is tried again for
 * about three quarters of an hour before it is parked: an outage of that length loses
 * nothing. Each retry goes to the back of the queue, so a call whose event failed may
 * see later events first; that is the price of not blocking every other call.
 */
export const INTAKE_RETRY_DELAYS_MS = [1000, 5000, 30_000, 120_000, 600_000, 1_800_000];

export interface SubscriptionOptions {
  broker: Broker;
  names: MeshNames;
  service: string;
  /** Our own exchange: webhook_* events fire object hooks and the webhook_disabled notification. */
  ownExchange: string;
  intake: EventIntake;
  metrics: MeshMetrics;
  logger: Logger;
  concurrency: number;
}

/**
 * Every event reaches the intake, which decides what it means for webhooks; the
 * subscriber acknowledges an event once the intake has written its deliveries. The
 * subscribe queue has a single active consumer: intake is cheap (one batched INSERT per
 * round of events) and order matters there, while the deliveries, which are slow, are
 * spread over every replica through the delivery queue. An event
 * that fails its schema is parked in the dead-letter queue at once (no retry makes it
 * valid); any other failure is retried.
 */
export function eventSubscriber(options: SubscriptionOptions): EventSubscriber {
  const { names, service, broker, logger } = options;
  const deadLetterQueue = names.deadLetterQueue(service);
  const handle = async (event: EventEnvelope) => {
    try {
      await options.intake.handle(event);
    } catch (error) {
      if (!(error instanceof VoipError) || error.status !== 'INVALID_ARGUMENT') throw error;
      logger.warn({ type: event.type, publisher: event.publisher, field: error.field, reason: error.message }, 'malformed event parked');
      const headers = { 'x-last-error': error.message.slice(0, 1000), 'x-parked-at': new Date().toISOString() };
      await broker.send(deadLetterQueue, encode(event), { persistent: true, contentType: 'application/json', headers });
    }
  };
  return new EventSubscriber({
    broker,
    service,
    queue: names.subscribeQueue(service),
    deadLetterQueue,
    sources: [...SOURCE_SERVICES.map((source) => names.eventExchange(source)), options.ownExchange],
    handlers: { '*': handle },
    metrics: options.metrics,
    logger,
    retryDelaysMs: INTAKE_RETRY_DELAYS_MS,
    concurrency: options.concurrency,
    // One replica at a time takes events, in the broker's order, so a call's events reach the
    // outbox in order however many replicas run; delivery itself is shared by all of them.
    queueOptions: { singleActiveConsumer: true },
  });
}
