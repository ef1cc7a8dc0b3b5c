import { randomUUID } from 'node:crypto';
import { commonFlags, meshConfigFrom, parseFlags, type FlagSpec } from '@voxmesh/config';
import { callManager, customerManager, flowManager } from '@voxmesh/contracts';
import { EslSimulator, STOCK_MODULES, type CallView } from '@voxmesh/esl-sim';
import { AmqpBroker, BreakerRegistry, MeshMetrics, MeshNames, RpcClient, delayLevel } from '@voxmesh/mesh';
import { createServiceContext, openSharedResources, startModule, type RunningService, type ServiceModule, type SharedResources } from '@voxmesh/runtime';
import { MysqlDatabase } from '@voxmesh/store';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { readEvent, type EventEnvelope } from '@voxmesh/wire';
import { deleteQueuesAndExchanges as deleteBrokerNames, deleteRedisKeys, freePort, meshArgv, mysqlTarget, rabbitUrl, redisAddr, sleep } from '@voxmesh/testkit';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { flowManagerModule } from '@voxmesh/flow-manager';
import { callManagerModule, type CallManagerHandle } from '../src/main.js';

/**
 * What call-manager's end-to-end tests stand on: the machine's RabbitMQ, MariaDB and
 * Redis (RABBIT_ADDR, TEST_MYSQL_DSN, TEST_REDIS_ADDR to point elsewhere), esl-sim as
 * FreeSWITCH on ephemeral ports at a small time scale, flow-manager and
 * customer-manager as `npm start` runs them, and call-manager on connections of its
 * own so that it can be stopped and started again alone. One namespace and one
 * database per test file, removed afterwards.
 */
export { rabbitUrl, redisAddr, sleep };
const mysqlUrl = new URL(process.env.TEST_MYSQL_DSN ?? 'mysql://root:@127.0.0.1:3306/unused');

export async function eventually<T>(what: string, predicate: () => T | Promise<T>, timeoutMs = 15_000, everyMs = 20): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > giveUpAt) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(everyMs);
  }
}


interface Stack {
  shared: SharedResources;
  running: RunningService[];
}

export interface StartOptions {
  /** esl-sim's time scale (real ms per simulated ms). */
  timeScale?: number;
  /** Extra call-manager flags. */
  callFlags?: string[];
  /** Extra flags for the other services (flow-manager's -fetch_allow_private). */
  platformFlags?: string[];
  /** Start customer-manager too (device lookups). */
  customers?: boolean;
  /** Leave call-manager to the test (it runs the binary). */
  withoutCallManager?: boolean;
  /** esl-sim's loaded modules; default EQUIPPED_MODULES. */
  modules?: readonly string[];
  /** Another broker than the machine's (a private node the test stops and starts). */
  rabbitUrl?: string;
}

/**
 * A switch with the optional modules call-manager can use: the third-party mod_amd and
 * mod_audio_fork, mod_http_cache for URLs, and a TTS engine registered as `polly`.
 */
export const EQUIPPED_MODULES: readonly string[] = [...STOCK_MODULES, 'mod_amd', 'mod_audio_fork', 'mod_http_cache', 'mod_polly'];

export class CallEnv {
  readonly namespace = `test-${randomUUID().slice(0, 8)}`;
  readonly database = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  readonly names = new MeshNames(this.namespace);
  /** Every event call-manager published, in order. */
  readonly events: EventEnvelope[] = [];
  sim!: EslSimulator;
  eslPort = 0;
  socketPort = 0;
  flows!: RpcClient<flowManager.FlowManagerRoutes>;
  calls!: RpcClient<callManager.CallManagerRoutes>;
  customers!: RpcClient<customerManager.CustomerManagerRoutes>;
  callManager: CallManagerHandle | undefined;
  private others: Stack | undefined;
  private callStack: Stack | undefined;
  private broker: AmqpBroker | undefined;
  private options: StartOptions = {};
  private timeScale = 0.01;
  private readonly delays = new Set<number>();
  private readonly extraStacks: Stack[] = [];
  private readonly instanceIds = new Set<string>();
  private rabbit = rabbitUrl;

  get dsn(): string {
    return `mysql://${mysqlUrl.username}:${mysqlUrl.password}@${mysqlUrl.hostname}:${mysqlUrl.port || 3306}/${this.database}`;
  }

  argv(extra: string[] = []): string[] {
    return [
      ...meshArgv({ rabbitUrl: this.rabbit, namespace: this.namespace, dsn: this.dsn, redisAddr, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      ...extra,
    ];
  }

  /** Remembers a delay the run uses, so its delay queue is removed afterwards. */
  usesDelay(ms: number): void {
    this.delays.add(delayLevel(ms));
  }

  async start(options: StartOptions = {}): Promise<this> {
    this.options = options;
    this.rabbit = options.rabbitUrl ?? rabbitUrl;
    this.timeScale = options.timeScale ?? 0.01;
    this.socketPort = await freePort();
    await this.startSim();
    const modules: ServiceModule[] = options.customers ? [customerManagerModule, flowManagerModule] : [flowManagerModule];
    this.others = await this.stack(modules, 'platform', options.platformFlags ?? []);
    this.broker = new AmqpBroker({ url: this.rabbit, delayExchange: this.names.delayExchange, logger: silentLogger(), minBackoffMs: 50, maxBackoffMs: 500 });
    await this.broker.start();
    const client = <T extends flowManager.FlowManagerRoutes | callManager.CallManagerRoutes | customerManager.CustomerManagerRoutes>(contract: { service: string; routes: T }) =>
      new RpcClient({
        contract,
        broker: this.broker!,
        queue: this.names.requestQueue(contract.service),
        publisher: 'test',
        metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
        breakers: new BreakerRegistry(),
      });
    this.flows = client(flowManager.flowManagerContract);
    this.calls = client(callManager.callManagerContract);
    this.customers = client(customerManager.customerManagerContract);
    const listener = `${this.namespace}.test.call-events`;
    await this.broker.declareFanout(this.names.eventExchange('call-manager'));
    await this.broker.declareQueue(listener);
    await this.broker.bindQueue(listener, this.names.eventExchange('call-manager'));
    await this.broker.consume(listener, async (delivery) => void this.events.push(readEvent(delivery.body)), { prefetch: 200 });
    if (!options.withoutCallManager) await this.startCallManager();
    return this;
  }

  /** esl-sim, on the inbound port it had before (so a restarted one is found again). */
  async startSim(): Promise<EslSimulator> {
    this.sim = new EslSimulator({
      eslListenAddr: `127.0.0.1:${this.eslPort}`,
      appAddrs: [`127.0.0.1:${this.socketPort}`],
      controlListenAddr: null,
      timeScale: this.timeScale,
      modules: this.options.modules ?? EQUIPPED_MODULES,
    });
    const addresses = await this.sim.start();
    this.eslPort = addresses.esl.port;
    return this.sim;
  }

  /** call-manager's flags in this environment, as its binary takes them. */
  callManagerArgv(extra: string[] = []): string[] {
    return this.argv(this.callManagerFlags(extra));
  }

  private callManagerFlags(extra: string[]): string[] {
    return [
      '-esl_addr',
      `127.0.0.1:${this.eslPort}`,
      '-esl_listen_addr',
      `127.0.0.1:${this.socketPort}`,
      '-recording_dir',
      '/tmp/voxmesh-test-recordings',
      '-shutdown_grace_ms',
      '0',
      '-instance_id',
      `test-${this.namespace}`,
      ...(this.options.callFlags ?? []),
      ...extra,
    ];
  }

  async startCallManager(extra: string[] = []): Promise<CallManagerHandle> {
    this.callStack = await this.stack([callManagerModule], 'call-manager', this.callManagerFlags(extra));
    this.callManager = this.callStack.running[0] as CallManagerHandle;
    await eventually('call-manager to reach the media server', () => this.callManager!.pool.servers.every((server) => server.connected), 15_000);
    return this.callManager;
  }

  /**
   * Another call-manager replica on the same broker, database and media server, under
   * its own name and outbound-socket port (the simulator hands calls to the first one).
   */
  async startReplica(instanceId: string, extra: string[] = []): Promise<CallManagerHandle> {
    this.instanceIds.add(instanceId);
    const port = await freePort();
    const stack = await this.stack([callManagerModule], 'call-manager', this.callManagerFlags(['-instance_id', instanceId, '-esl_listen_addr', `127.0.0.1:${port}`, ...extra]));
    this.extraStacks.push(stack);
    const handle = stack.running[0] as CallManagerHandle;
    await eventually('the replica to reach the media server', () => handle.pool.servers.every((server) => server.connected), 15_000);
    return handle;
  }

  /** Remembers a replica name used by a process the test runs itself, so its queue is removed afterwards. */
  usesInstance(instanceId: string): void {
    this.instanceIds.add(instanceId);
  }

  async stopCallManager(): Promise<void> {
    const stack = this.callStack;
    this.callStack = undefined;
    this.callManager = undefined;
    if (!stack) return;
    for (const service of stack.running) await service.stop();
    await stack.shared.close();
  }

  private async stack(modules: ServiceModule[], name: string, extra: string[]): Promise<Stack> {
    const byName = new Map<string, FlagSpec>(commonFlags(name).map((spec) => [spec.name, spec]));
    for (const module of [...modules, callManagerModule]) for (const spec of module.flags ?? []) if (!byName.has(spec.name)) byName.set(spec.name, spec);
    const { values, explicit } = parseFlags([...byName.values()], this.argv(extra));
    const shared = await openSharedResources(meshConfigFrom(name, values, explicit), silentLogger());
    const running: RunningService[] = [];
    for (const module of modules) {
      const config = meshConfigFrom(module.name, values, explicit);
      running.push(await startModule(module, createServiceContext(module, config, values, shared)));
    }
    return { shared, running };
  }

  /** The test's own broker connection. */
  async testBroker(): Promise<AmqpBroker> {
    return this.broker!;
  }

  /** A flow with these actions answering on `number`. */
  async flow(number: string, actions: unknown[], accountId = 'acct-test'): Promise<flowManager.Flow> {
    return this.flows.call('createFlow', { body: { name: `flow for ${number}`, account_id: accountId, numbers: [number], actions: actions as never } });
  }

  /** The call-manager call of an esl-sim channel, as it is when found (read its later state with getCall). */
  async callOfChannel(channelId: string): Promise<callManager.Call> {
    const call = await eventually(`the call of channel ${channelId}`, () => this.callManager?.registry.byChannelId(channelId)?.call ?? this.findCall((each) => each.channel_id === channelId));
    return structuredClone(call);
  }

  async findCall(predicate: (call: callManager.Call) => boolean): Promise<callManager.Call | undefined> {
    const page = await this.calls.call('listCalls', { query: { page_size: 1000 }, body: {} });
    return page.result.find(predicate);
  }

  async getCall(id: string): Promise<callManager.Call> {
    return this.calls.call('getCall', { params: { id } });
  }

  /** Waits until the call satisfies `predicate`, reading it over RPC. */
  async callUntil(id: string, what: string, predicate: (call: callManager.Call) => boolean, timeoutMs = 15_000): Promise<callManager.Call> {
    return eventually(`call ${id}: ${what}`, async () => {
      const call = await this.getCall(id);
      return predicate(call) ? call : undefined;
    }, timeoutMs);
  }

  simCall(uuid: string): CallView {
    return this.sim.getCall(uuid);
  }

  eventsOf(type: string, predicate: (data: Record<string, unknown>) => boolean = () => true): Record<string, unknown>[] {
    return this.events.filter((event) => event.type === type).map((event) => event.data as Record<string, unknown>).filter(predicate);
  }

  async close(): Promise<void> {
    await this.stopCallManager().catch(() => undefined);
    for (const stack of this.extraStacks.splice(0)) {
      for (const service of stack.running) await service.stop().catch(() => undefined);
      await stack.shared.close().catch(() => undefined);
    }
    await this.sim?.stop().catch(() => undefined);
    if (this.others) {
      for (const service of [...this.others.running].reverse()) await service.stop().catch(() => undefined);
      await this.others.shared.close().catch(() => undefined);
    }
    await this.broker?.close().catch(() => undefined);
    const services = ['call-manager', 'flow-manager', 'customer-manager'];
    await deleteBrokerNames(
      this.rabbit,
      [
        ...services.map((service) => this.names.requestQueue(service)),
        ...services.map((service) => this.names.subscribeQueue(service)),
        ...services.map((service) => this.names.deadLetterQueue(service)),
        `${this.namespace}.test.call-events`,
        ...[`test-${this.namespace}`, ...this.instanceIds].map((instance) => `${this.names.requestQueue('call-manager')}.${instance}`),
        ...[...this.delays].map((level) => `${this.names.delayExchange}.${level}ms`),
      ],
      [...services.map((service) => this.names.eventExchange(service)), this.names.eventExchange('webhook-manager'), this.names.delayExchange],
    );
    const db = await MysqlDatabase.open({
      ...mysqlTarget,
      database: this.database,
    });
    try {
      await db.execute(`DROP DATABASE IF EXISTS \`${this.database}\``);
    } finally {
      await db.close();
    }
    await deleteRedisKeys(redisAddr, `${this.namespace}:*`).catch(() => undefined);
  }
}



export { freePort };

/** Removes what a test declared on the broker. */
export function deleteQueuesAndExchanges(queues: string[], exchanges: string[]): Promise<void> {
  return deleteBrokerNames(rabbitUrl, queues, exchanges);
}
