import { eventCatalogs } from '@voxmesh/contracts';
import { EventSubscriber, subscriptions, type Broker, type MeshMetrics, type MeshNames } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import type { EventEnvelope } from '@voxmesh/wire';
import type { EventIntake } from '../domain/intake.js';

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
  /** Our own exchange (`-rabbit_queue_event`). */
  ownExchange: string;
  intake: EventIntake;
  metrics: MeshMetrics;
  logger: Logger;
  concurrency: number;
}

/**
 * Every event the publishers declare reaches the intake, which decides what it means for
 * webhooks; the subscriber acknowledges an event once the intake has written its
 * deliveries. The intake takes the envelope as it came and reads it with its own tolerant
 * schemas (only the fields a webhook needs, once per event: this is the hot path), so it
 * is the one place that validates here. The subscribe queue has a single active consumer:
 * intake is cheap (one batched INSERT per round of events) and order matters there, while
 * the deliveries, which are slow, are spread over every replica through the delivery
 * queue. An event that fails the intake's schemas is parked in the dead-letter queue at
 * once (no retry makes it valid); any other failure is retried.
 */
export function eventSubscriber(options: SubscriptionOptions): EventSubscriber {
  const { names, service, broker, logger } = options;
  const intake = (event: EventEnvelope) => options.intake.handle(event);
  const subscribed = subscriptions(eventCatalogs, {
    'call-manager': intake,
    'flow-manager': intake,
    'customer-manager': intake,
    // Our own webhook_* events fire object hooks and the webhook_disabled notification.
    'webhook-manager': intake,
  });
  return new EventSubscriber({
    broker,
    service,
    queue: names.subscribeQueue(service),
    deadLetterQueue: names.deadLetterQueue(service),
    sources: subscribed.services.map((source) => (source === service ? options.ownExchange : names.eventExchange(source))),
    handlers: subscribed.handlers,
    metrics: options.metrics,
    logger,
    retryDelaysMs: INTAKE_RETRY_DELAYS_MS,
    concurrency: options.concurrency,
    // One replica at a time takes events, in the broker's order, so a call's events reach the
    // outbox in order however many replicas run; delivery itself is shared by all of them.
    queueOptions: { singleActiveConsumer: true },
  });
}
