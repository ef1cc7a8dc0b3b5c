import { commonFlags, meshConfigFrom, readCommandLine, type FlagSpec, type FlagValue, type MeshConfig } from '@voxmesh/config';
import { EventPublisher, MeshNames, RpcClient, type RpcClientOptions, type UntypedEventPublisher } from '@voxmesh/mesh';
import { migrate, OutboxRelay, type Migration } from '@voxmesh/store';
import { createLogger, type Logger } from '@voxmesh/telemetry';
import type { RouteTable, ServiceContract } from '@voxmesh/wire';
import { migrateOnly, migrateOnlyFlag } from './migrate-only.js';
import { openSharedResources, type SharedResources } from './resources.js';

/** Everything a service's composition root needs, already open. */
export interface ServiceContext {
  config: MeshConfig;
  names: MeshNames;
  /** Values of the service's own flags (beyond the common ones). */
  flags: Record<string, FlagValue>;
  shared: SharedResources;
  logger: Logger;
  /** The service's event publisher, on its own exchange: `events.typed(catalog)` publishes what the catalog declares. */
  events: UntypedEventPublisher;
  /** A client of another service, derived from that service's contract. */
  clientOf<T extends RouteTable>(contract: ServiceContract<T>, options?: Pick<RpcClientOptions<T>, 'validateReplies'>): RpcClient<T>;
  /**
   * The relay of the service's event outbox `table` (see `outboxSchema`): publishes on the
   * service's exchange what committed changes recorded, with its depth and count as metrics.
   * The service starts and stops it.
   */
  eventOutbox(table: string): OutboxRelay;
}

export interface RunningService {
  /** Stops taking work, finishes what is in hand, and releases the service's own resources. */
  stop(): Promise<void>;
  /** Extra lines for the start-up banner (listening ports and the like). */
  describe?(): Record<string, string>;
}

/** A service as the runners see it: its name, flags, schema and how to start it. */
export interface ServiceModule {
  name: string;
  description: string;
  flags?: FlagSpec[];
  migrations?: Migration[];
  /**
   * In the one-process platform, fills in flags of the other services that follow from
   * this module's (an address it listens on that another service must dial). It sets only
   * flags not given explicitly (`explicit`), and records what it set there.
   */
  linkFlags?(flags: Record<string, FlagValue>, explicit: Set<string>): void | Promise<void>;
  start(context: ServiceContext): Promise<RunningService>;
}

export function createServiceContext(
  module: ServiceModule,
  config: MeshConfig,
  flags: Record<string, FlagValue>,
  shared: SharedResources,
): ServiceContext {
  const names = new MeshNames(config.namespace);
  const logger = shared.logger.child({ service: module.name });
  const events = new EventPublisher({ broker: shared.broker, exchange: config.queueEvent, publisher: module.name, metrics: shared.metrics });
  return {
    config,
    names,
    flags,
    shared,
    logger,
    events,
    eventOutbox: (table) => {
      const published = shared.metrics.outboxPublished.cell([module.name]);
      const relay = new OutboxRelay({
        db: shared.database,
        table,
        publish: (type, data) => events.publish(type, data),
        onPublished: (count) => (published.value += count),
        onError: (error) => logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'events wait in the outbox; publishing failed'),
      });
      shared.metrics.watchOutbox(module.name, () => relay.depth());
      return relay;
    },
    clientOf: (contract, options) =>
      new RpcClient({
        contract,
        broker: shared.broker,
        queue: names.requestQueue(contract.service),
        publisher: module.name,
        metrics: shared.metrics,
        breakers: shared.breakers,
        ...options,
      }),
  };
}

/** Migrates and starts one module on resources already open. */
export async function startModule(module: ServiceModule, context: ServiceContext): Promise<RunningService> {
  if (module.migrations && module.migrations.length > 0) {
    await migrate(context.shared.database, module.name, module.migrations, context.logger);
  }
  return module.start(context);
}

/**
 * Stops on SIGINT or SIGTERM: readiness goes to 503 first, then the services stop
 * consuming and finish their work, then the shared connections close. A second signal
 * exits at once.
 */
export function stopOnSignal(logger: Logger, shared: SharedResources, running: RunningService[]): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal; exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    shared.health.markDraining();
    for (const service of [...running].reverse()) {
      await service.stop().catch((error: unknown) => logger.error({ err: error }, 'service stop failed'));
    }
    await shared.close().catch((error: unknown) => logger.error({ err: error }, 'closing connections failed'));
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

export function printBanner(title: string, lines: Record<string, string>): void {
  const width = Math.max(...Object.keys(lines).map((key) => key.length));
  const body = Object.entries(lines)
    .map(([key, value]) => `  ${key.padEnd(width)}  ${value}`)
    .join('\n');
  process.stdout.write(`\n${title}\n${body}\n\n`);
}

/** Runs one service as its own process: `services/<name>/bin/<name>` calls this. */
export async function runStandalone(module: ServiceModule, argv: string[] = process.argv.slice(2)): Promise<void> {
  const specs = [...commonFlags(module.name), ...(module.flags ?? []), migrateOnlyFlag];
  const { values, explicit } = readCommandLine(`./${module.name}`, specs, argv);
  const config = meshConfigFrom(module.name, values, explicit);
  const logger = createLogger({ service: module.name, level: config.logLevel, format: config.logFormat });
  if (values.migrate_only === true) {
    const code = await migrateOnly(module, config, logger).then(
      () => 0,
      (error: unknown) => {
        logger.error({ err: error }, 'migrations failed');
        return 1;
      },
    );
    process.exit(code);
  }
  let shared: SharedResources;
  try {
    shared = await openSharedResources(config, logger);
  } catch (error) {
    logger.error({ err: error }, 'could not open the broker, database or cache');
    process.exit(1);
  }
  const running = await startModule(module, createServiceContext(module, config, values, shared));
  stopOnSignal(logger, shared, [running]);
  printBanner(`${module.name} is running`, {
    requests: config.queueListen,
    events: config.queueEvent,
    ...shared.describe(),
    ...running.describe?.(),
  });
}
