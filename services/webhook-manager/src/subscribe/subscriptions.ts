import { EventSubscriber, type Broker, type MeshMetrics, type MeshNames } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import type { EventIntake } from '../domain/intake.js';

/** The services whose events can fire webhooks; each publishes on its own fanout exchange. */
export const SOURCE_SERVICES = ['call-manager', 'flow-manager', 'customer-manager'] as const;

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
 * subscriber acknowledges an event once the intake has written its deliveries, and
 * retries (then parks) one whose handling failed.
 */
export function eventSubscriber(options: SubscriptionOptions): EventSubscriber {
  const { names, service } = options;
  return new EventSubscriber({
    broker: options.broker,
    service,
    queue: names.subscribeQueue(service),
    deadLetterQueue: names.deadLetterQueue(service),
    sources: [...SOURCE_SERVICES.map((source) => names.eventExchange(source)), options.ownExchange],
    handlers: { '*': (event) => options.intake.handle(event) },
    metrics: options.metrics,
    logger: options.logger,
    concurrency: options.concurrency,
  });
}
