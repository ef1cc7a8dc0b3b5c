import type { MeshConfig } from '@voxmesh/config';
import { AmqpBroker, BreakerRegistry, InProcessBroker, MeshMetrics, type Broker } from '@voxmesh/mesh';
import { EmbeddedDatabase, MemoryCache, MysqlDatabase, RedisCache, type Cache, type SqlDatabase } from '@voxmesh/store';
import { HealthServer, createRegistry, type Logger, type Registry } from '@voxmesh/telemetry';

/**
 * What the services of one process share: one broker connection, one database pool,
 * one cache client, one metrics registry and the health/metrics HTTP server.
 */
export interface SharedResources {
  broker: Broker;
  database: SqlDatabase;
  cache: Cache;
  registry: Registry;
  metrics: MeshMetrics;
  breakers: BreakerRegistry;
  health: HealthServer;
  logger: Logger;
  /** Where each part runs, for the start-up banner (no secrets). */
  describe(): Record<string, string>;
  close(): Promise<void>;
}

async function openBroker(config: MeshConfig, logger: Logger): Promise<Broker> {
  if (config.broker.kind === 'embedded') {
    return new InProcessBroker((error) => logger.error({ err: error }, 'in-process handler failed'));
  }
  const broker = new AmqpBroker({
    url: config.broker.urls,
    queueType: config.queueType,
    publishWaitMs: config.publishWaitMs,
    maxBackoffMs: config.reconnectMaxMs,
    delayExchange: config.exchangeDelay,
    logger: logger.child({ part: 'broker' }),
    connectionName: config.service,
  });
  await broker.start();
  return broker;
}

/** The database named by `-dbDSN`, opened alone (the migration job needs nothing else). */
export async function openDatabase(config: MeshConfig): Promise<SqlDatabase> {
  const target = config.database;
  if (target.kind === 'embedded') return EmbeddedDatabase.open(target.file === undefined ? 'memory' : { file: target.file });
  return MysqlDatabase.open({ ...target, ...config.pool });
}

async function openCache(config: MeshConfig): Promise<Cache> {
  const target = config.cache;
  if (target.kind === 'embedded') return new MemoryCache();
  const common = { db: config.redisDb, password: config.redisPassword, keyPrefix: `${config.namespace}:` };
  const cache =
    target.kind === 'sentinel'
      ? new RedisCache({ ...common, sentinels: target.sentinels, masterName: target.masterName, sentinelPassword: config.redisSentinelPassword })
      : new RedisCache({ ...common, host: target.host, port: target.port, tls: target.tls });
  await cache.connect();
  return cache;
}

function describeDatabase(target: MeshConfig['database']): string {
  if (target.kind === 'mysql') return `mysql ${target.host}:${target.port}/${target.database}`;
  return target.file === undefined ? 'embedded SQLite (in memory: gone at exit)' : `embedded SQLite ${target.file} (WAL)`;
}

function describeCache(config: MeshConfig): string {
  const target = config.cache;
  if (target.kind === 'redis') return `redis ${target.host}:${target.port} db ${config.redisDb}`;
  if (target.kind === 'sentinel') return `redis master ${target.masterName} from sentinels ${target.sentinels.map((each) => `${each.host}:${each.port}`).join(', ')} db ${config.redisDb}`;
  return 'embedded in-memory cache';
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable)';
  }
}

export async function openSharedResources(config: MeshConfig, logger: Logger): Promise<SharedResources> {
  const registry = createRegistry({ logger });
  const metrics = new MeshMetrics(registry);
  const breakers = new BreakerRegistry(undefined, (target, open) => {
    metrics.breakerOpen.set({ service: config.service, target }, open ? 1 : 0);
    logger.warn({ target, open }, open ? 'circuit opened' : 'circuit closed');
  });
  const health = new HealthServer({ listenAddr: config.promListenAddr, endpoint: config.promEndpoint, registry, logger });
  const broker = await openBroker(config, logger);
  const database = await openDatabase(config).catch(async (error: unknown) => {
    await broker.close();
    throw error;
  });
  const cache = await openCache(config).catch(async (error: unknown) => {
    await broker.close();
    await database.close();
    throw error;
  });
  health.addCheck('broker', () => broker.isReady());
  health.addCheck('database', () => database.ping());
  health.addCheck('cache', () => cache.ping());
  const metricsAddr = await health.start();
  return {
    broker,
    database,
    cache,
    registry,
    metrics,
    breakers,
    health,
    logger,
    describe: () => ({
      broker:
        config.broker.kind === 'amqp'
          ? `${config.broker.urls.map(redactUrl).join(', ')}${config.queueType === 'quorum' ? ' (quorum queues)' : ''}`
          : 'embedded in-process bus',
      database: describeDatabase(config.database),
      cache: describeCache(config),
      metrics: `http://${metricsAddr.replace(/^0\.0\.0\.0|^::/, '127.0.0.1')}${config.promEndpoint} (also /healthz, /readyz)`,
    }),
    close: async () => {
      await health.close();
      await broker.close();
      await database.close();
      await cache.close();
    },
  };
}
