import { randomUUID } from 'node:crypto';
import { webhookManager } from '@voxmesh/contracts';
import { RpcServer } from '@voxmesh/mesh';
import type { RunningService, ServiceContext, ServiceModule } from '@voxmesh/runtime';
import { TargetGuard } from '@voxmesh/http-guard';
import { CachedAccountDirectory } from './accounts/account-directory.js';
import { CustomerManagerSource, customerManagerAccounts } from './accounts/customer-manager-source.js';
import { webhookConfigFrom, webhookFlags } from './config.js';
import { contract } from './contract.js';
import { AccountRepository } from './db/account-repository.js';
import { AttemptRepository } from './db/attempt-repository.js';
import { DeliveryRepository } from './db/delivery-repository.js';
import { DestinationRepository } from './db/destination-repository.js';
import { WebhookRepository } from './db/webhook-repository.js';
import { HttpSender } from './delivery/http-sender.js';
import { Attempter } from './domain/attempter.js';
import { DeliveryQueue } from './domain/delivery-queue.js';
import { DeliveryWorker } from './domain/delivery-worker.js';
import { AutoDisabler } from './domain/disabler.js';
import { FailureCounter } from './domain/failure-counter.js';
import { HookCache } from './domain/hook-cache.js';
import { EventIntake } from './domain/intake.js';
import { Sweeper } from './domain/sweeper.js';
import { WebhookService } from './domain/webhook-service.js';
import { routeHandlers } from './listen/handlers.js';
import { WebhookMetrics } from './metrics.js';
import { migrations } from './migrations.js';
import { EventProjections } from './subscribe/projections.js';
import { eventSubscriber } from './subscribe/subscriptions.js';

export const SERVICE = 'webhook-manager';

/** The composition root: every part is built here, from the context, and handed what it needs. */
async function start(context: ServiceContext): Promise<RunningService> {
  const config = webhookConfigFrom(context.flags);
  const { broker, database, cache, registry } = context.shared;
  const logger = context.logger;
  const metrics = new WebhookMetrics(registry, SERVICE);

  const webhookRepository = new WebhookRepository(database);
  const deliveries = new DeliveryRepository(database);
  const attempts = new AttemptRepository(database);
  const accounts = new AccountRepository(database);
  const destinations = new DestinationRepository(database);

  const directory = new CachedAccountDirectory({
    repository: accounts,
    source: new CustomerManagerSource(context.clientOf(customerManagerAccounts)),
    logger: logger.child({ part: 'accounts' }),
  });
  const guard = new TargetGuard({ allowPrivate: config.allowPrivate, allowLoopback: config.allowLoopback, allowFlag: '-webhook_allow_private' });
  const sender = new HttpSender({
    guard,
    connectTimeoutMs: config.connectTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    responseLimitBytes: config.responseLimitBytes,
    maxSockets: config.maxConnections,
  });
  const queue = new DeliveryQueue(broker, `${context.names.namespace}.${SERVICE}.delivery`);
  await queue.declare();
  // Wake-ups waiting here mean deliveries due and no replica free to send them.
  context.shared.metrics.watchQueue(SERVICE, queue.name, () => broker.queueStats(queue.name));
  const hooks = new HookCache(webhookRepository);
  const events = context.events.typed(webhookManager.webhookManagerEvents);
  const disabler = new AutoDisabler({
    webhooks: webhookRepository,
    hooks,
    counter: new FailureCounter(cache),
    directory,
    events,
    metrics,
    logger,
    defaults: { failures: config.disableFailures, windowMs: config.disableWindowMs },
  });
  const leaseMs = config.requestTimeoutMs + config.connectTimeoutMs + 5000;
  const owner = `${SERVICE}-${randomUUID().slice(0, 8)}`;
  const worker = new DeliveryWorker({
    deliveries,
    webhooks: webhookRepository,
    attempts,
    directory,
    attempter: new Attempter(sender),
    queue,
    disabler,
    metrics,
    logger: logger.child({ part: 'delivery' }),
    owner,
    leaseMs,
    localConcurrency: config.concurrency,
    backoff: { baseMs: config.retryBaseMs, maxMs: config.retryMaxMs },
  });
  const projections = new EventProjections({ hooks, directory, destinations });
  const intake = new EventIntake({ hooks, projections, deliveries, destinations, directory, queue, local: worker, owner, logger, defaultRetries: config.defaultRetries });
  const webhooks = new WebhookService({
    webhooks: webhookRepository,
    hooks,
    deliveries,
    accounts,
    directory,
    disabler,
    guard,
    queue,
    events,
    logger,
  });
  const server = new RpcServer({
    contract,
    handlers: routeHandlers({ webhooks, attempts, intake, guard }),
    broker,
    queue: context.config.queueListen,
    metrics: context.shared.metrics,
    logger,
  });
  const subscriber = eventSubscriber({
    broker,
    names: context.names,
    service: SERVICE,
    ownExchange: context.config.queueEvent,
    intake,
    metrics: context.shared.metrics,
    logger,
    concurrency: 256,
  });
  const sweeper = new Sweeper({
    deliveries,
    attempts,
    webhooks: webhookRepository,
    queue,
    cache,
    metrics,
    logger,
    intervalMs: config.sweepIntervalMs,
    overdueMs: leaseMs,
    retentionMs: config.retentionDays * 24 * 3600 * 1000,
  });

  await server.start();
  await subscriber.start();
  const consumer = await queue.consume(
    (id) => worker.process(id).catch((error: unknown) => logger.warn({ err: error, delivery_id: id }, 'delivery step failed; the sweeper will retry it')),
    config.concurrency,
  );
  sweeper.start();

  return {
    stop: async () => {
      await server.stop();
      await subscriber.stop();
      await consumer.cancel();
      await worker.idle();
      await sweeper.stop();
      sender.close();
    },
    describe: () => ({
      'webhook deliveries': `${queue.name} (${config.concurrency} in flight, ${config.maxConnections} connections per receiver${config.allowPrivate ? ', private targets allowed' : ''})`,
    }),
  };
}

export const webhookManagerModule: ServiceModule = {
  name: SERVICE,
  description: 'webhooks: Kazoo hooks and voipbin event delivery',
  flags: webhookFlags,
  migrations,
  start,
};
