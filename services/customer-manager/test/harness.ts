import { createHash, randomUUID } from 'node:crypto';
import { commonFlags, meshConfigFrom, parseFlags, type FlagSpec } from '@voxmesh/config';
import { AmqpBroker, MeshMetrics, MeshNames } from '@voxmesh/mesh';
import { createServiceContext, openSharedResources, startModule, type RunningService, type SharedResources } from '@voxmesh/runtime';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { deleteQueuesAndExchanges, deleteRedisKeys, dropDatabase, eventually, meshArgv, mysqlTarget, rabbitUrl, redisAddr, sleep } from '@voxmesh/testkit';
import { customerManagerModule } from '../src/main.js';

/**
 * What customer-manager's integration tests stand on: the machine's RabbitMQ, MariaDB and
 * Redis (RABBIT_ADDR, TEST_MYSQL_DSN, TEST_REDIS_ADDR to point elsewhere), one namespace
 * and one database per test file, removed afterwards; the service started the way
 * `npm start` starts it.
 */
export { eventually, mysqlTarget, sleep };

export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

const SERVICE = customerManagerModule.name;

export class CustomerEnv {
  readonly namespace = `test-${randomUUID().slice(0, 8)}`;
  readonly database = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  readonly names = new MeshNames(this.namespace);
  readonly metrics = new MeshMetrics(createRegistry({ defaultMetrics: false }));
  private shared: SharedResources | undefined;
  private service: RunningService | undefined;
  private broker: AmqpBroker | undefined;

  get dsn(): string {
    return `mysql://${encodeURIComponent(mysqlTarget.user)}:${encodeURIComponent(mysqlTarget.password)}@${mysqlTarget.host}:${mysqlTarget.port}/${this.database}`;
  }

  /** Starts customer-manager with the test's servers and `flags` on top. */
  async start(flags: string[] = []): Promise<void> {
    const specs = new Map<string, FlagSpec>(commonFlags(SERVICE).map((spec) => [spec.name, spec]));
    for (const spec of customerManagerModule.flags ?? []) specs.set(spec.name, spec);
    const argv = [...meshArgv({ rabbitUrl, namespace: this.namespace, dsn: this.dsn, redisAddr }), '-password_hash_cost', '10', ...flags];
    const { values, explicit } = parseFlags([...specs.values()], argv);
    const config = meshConfigFrom(SERVICE, values, explicit);
    this.shared = await openSharedResources(config, silentLogger());
    this.service = await startModule(customerManagerModule, createServiceContext(customerManagerModule, config, values, this.shared));
  }

  async testBroker(): Promise<AmqpBroker> {
    if (!this.broker) {
      this.broker = new AmqpBroker({ url: rabbitUrl, delayExchange: this.names.delayExchange, logger: silentLogger(), minBackoffMs: 50, maxBackoffMs: 500 });
      await this.broker.start();
    }
    return this.broker;
  }

  async cleanup(): Promise<void> {
    await this.service?.stop().catch(() => undefined);
    await this.shared?.close().catch(() => undefined);
    await this.broker?.close();
    const queues = [this.names.requestQueue(SERVICE), this.names.subscribeQueue(SERVICE), this.names.deadLetterQueue(SERVICE)];
    await deleteQueuesAndExchanges(rabbitUrl, queues, [this.names.eventExchange(SERVICE), this.names.delayExchange]);
    await dropDatabase(`mysql://${encodeURIComponent(mysqlTarget.user)}:${encodeURIComponent(mysqlTarget.password)}@${mysqlTarget.host}:${mysqlTarget.port}`, this.database);
    await deleteRedisKeys(redisAddr, `${this.namespace}:*`);
  }
}
