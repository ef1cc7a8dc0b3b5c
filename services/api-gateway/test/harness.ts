import { createHash, randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import WebSocket from 'ws';
import { commonFlags, meshConfigFrom, parseFlags, type FlagSpec } from '@voxmesh/config';
import { AmqpBroker, BreakerRegistry, EventPublisher, MeshMetrics, MeshNames, RpcServer, delayLevel, MAX_DELAY_MS, type RouteHandlers } from '@voxmesh/mesh';
import { createServiceContext, openSharedResources, startModule, type RunningService, type ServiceModule, type SharedResources } from '@voxmesh/runtime';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import type { RouteTable, ServiceContract } from '@voxmesh/wire';
import { deleteQueuesAndExchanges, deleteRedisKeys, eventually, meshArgv, mysqlTarget, rabbitUrl, redisAddr, sleep } from '@voxmesh/testkit';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { apiGatewayModule, type GatewayHandle } from '../src/main.js';

/**
 * What the gateway's integration tests stand on: the machine's RabbitMQ, MariaDB and
 * Redis (RABBIT_ADDR, TEST_MYSQL_DSN, TEST_REDIS_ADDR to point elsewhere), one namespace
 * and one database per test file, removed afterwards; customer-manager and the gateway
 * started the way `npm start` starts them, on ephemeral ports.
 */
export { eventually, mysqlTarget, rabbitUrl, redisAddr, sleep };

export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

export interface HttpResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

export interface Started {
  gateway: GatewayHandle;
  shared: SharedResources;
  running: RunningService[];
}

/** Flags that keep tests fast and ports free; rate limits off unless a test sets them. */
export const testFlags = [
  '-http_listen_addr',
  '127.0.0.1:0',
  '-ws_listen_addr',
  '127.0.0.1:0',
  '-password_hash_cost',
  '10',
  '-rate_limit_ip_rps',
  '0',
  '-rate_limit_account_rps',
  '0',
  '-rate_limit_auth_rps',
  '0',
];

export class GatewayEnv {
  readonly namespace = `test-${randomUUID().slice(0, 8)}`;
  readonly database = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  readonly names = new MeshNames(this.namespace);
  private readonly stacks: Started[] = [];
  private readonly extraQueues = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private broker: AmqpBroker | undefined;
  private readonly publishers = new Map<string, EventPublisher>();
  private readonly servers: RpcServer<RouteTable>[] = [];
  readonly metrics = new MeshMetrics(createRegistry({ defaultMetrics: false }));

  get dsn(): string {
    return `mysql://${encodeURIComponent(mysqlTarget.user)}:${encodeURIComponent(mysqlTarget.password)}@${mysqlTarget.host}:${mysqlTarget.port}/${this.database}`;
  }

  argv(extra: string[] = []): string[] {
    return [
      ...meshArgv({ rabbitUrl, namespace: this.namespace, dsn: this.dsn, redisAddr }),
      ...testFlags,
      ...extra,
    ];
  }

  /**
   * Starts the given services and the gateway in one process on one set of connections,
   * as `npm start` does (customer-manager first unless `services` says otherwise).
   */
  async start(options: { services?: ServiceModule[]; gatewayFlags?: string[]; withGateway?: boolean } = {}): Promise<Started> {
    const modules = [...(options.services ?? [customerManagerModule]), ...(options.withGateway === false ? [] : [apiGatewayModule])];
    const byName = new Map<string, FlagSpec>(commonFlags('platform').map((spec) => [spec.name, spec]));
    // The test flags name both services' flags, whichever this stack runs.
    for (const module of [...modules, customerManagerModule, apiGatewayModule]) for (const spec of module.flags ?? []) if (!byName.has(spec.name)) byName.set(spec.name, spec);
    const { values, explicit } = parseFlags([...byName.values()], this.argv(options.gatewayFlags ?? []));
    const shared = await openSharedResources(meshConfigFrom('platform', values, explicit), silentLogger());
    const running: RunningService[] = [];
    let gateway: GatewayHandle | undefined;
    for (const module of modules) {
      const config = meshConfigFrom(module.name, values, explicit);
      const service = await startModule(module, createServiceContext(module, config, values, shared));
      running.push(service);
      if (module === apiGatewayModule) gateway = service as GatewayHandle;
    }
    const started: Started = { gateway: gateway!, shared, running };
    this.stacks.push(started);
    return started;
  }

  async stop(started: Started): Promise<void> {
    const at = this.stacks.indexOf(started);
    if (at < 0) return;
    this.stacks.splice(at, 1);
    for (const service of [...started.running].reverse()) await service.stop().catch(() => undefined);
    await started.shared.close().catch(() => undefined);
  }

  async testBroker(): Promise<AmqpBroker> {
    if (!this.broker) {
      this.broker = new AmqpBroker({ url: rabbitUrl, delayExchange: this.names.delayExchange, logger: silentLogger(), minBackoffMs: 50, maxBackoffMs: 500 });
      await this.broker.start();
    }
    return this.broker;
  }

  /** Publishes an event as `service` would, on its exchange. */
  async publish(service: string, type: string, data: unknown): Promise<void> {
    let publisher = this.publishers.get(service);
    if (!publisher) {
      publisher = new EventPublisher({ broker: await this.testBroker(), exchange: this.names.eventExchange(service), publisher: service, metrics: this.metrics });
      this.publishers.set(service, publisher);
    }
    await publisher.publish(type, data);
  }

  /** Serves a stand-in for a service the test does not run, on its real request queue. */
  async serveStandIn<T extends RouteTable>(contract: ServiceContract<T>, handlers: RouteHandlers<T>): Promise<RpcServer<T>> {
    const server = new RpcServer({
      contract,
      handlers,
      broker: await this.testBroker(),
      queue: this.names.requestQueue(contract.service),
      metrics: this.metrics,
      logger: silentLogger(),
    });
    await server.start();
    this.servers.push(server as unknown as RpcServer<RouteTable>);
    return server;
  }

  async stopStandIns(): Promise<void> {
    for (const server of this.servers.splice(0)) await server.stop();
  }

  /** A queue to delete at cleanup, beyond the services' own. */
  trackQueue(name: string): void {
    this.extraQueues.add(name);
  }

  async openSocket(url: string): Promise<WebSocket> {
    const socket = new WebSocket(url);
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
    });
    return socket;
  }

  async cleanup(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await this.stopStandIns().catch(() => undefined);
    for (const started of [...this.stacks]) await this.stop(started);
    await this.broker?.close();
    await deleteNamespace(this.namespace, [...this.extraQueues]);
    const connection = await mysql.createConnection(mysqlTarget);
    await connection.query(`DROP DATABASE IF EXISTS \`${this.database}\``).finally(() => connection.end());
    await deleteRedisKeys(redisAddr, `${this.namespace}:*`);
  }
}

/** A small HTTP client with crossbar's habits: token header, `{"data": …}` body, JSON back. */
export class Api {
  constructor(
    readonly base: string,
    public token?: string,
  ) {}

  async request(method: string, path: string, options: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> } = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === null ? undefined : (options.token ?? this.token);
    if (token !== undefined) headers['x-auth-token'] = token;
    let payload: string | undefined = options.raw;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.base}${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      body = { unparsed: text };
    }
    return { status: response.status, headers: response.headers, body, text };
  }

  get(path: string, options?: { token?: string | null; headers?: Record<string, string> }) {
    return this.request('GET', path, options);
  }
  put(path: string, data: unknown, options?: { token?: string | null }) {
    return this.request('PUT', path, { ...options, body: { data } });
  }
  post(path: string, data: unknown, options?: { token?: string | null }) {
    return this.request('POST', path, { ...options, body: { data } });
  }
  patch(path: string, data: unknown, options?: { token?: string | null }) {
    return this.request('PATCH', path, { ...options, body: { data } });
  }
  delete(path: string, options?: { token?: string | null }) {
    return this.request('DELETE', path, options);
  }
}

/** Logs in with an API key and returns a client holding the token. */
export async function loginWithKey(base: string, apiKey: string): Promise<{ api: Api; accountId: string }> {
  const api = new Api(base);
  const reply = await api.put('/v2/api_auth', { api_key: apiKey });
  if (reply.status !== 201) throw new Error(`api_auth failed: ${reply.status} ${reply.text}`);
  api.token = reply.body.auth_token as string;
  return { api, accountId: (reply.body.data as { account_id: string }).account_id };
}

/** Frames a socket receives, with a way to wait for the next one that matches. */
export class Frames {
  readonly all: Record<string, unknown>[] = [];

  constructor(socket: WebSocket) {
    socket.on('message', (raw) => this.all.push(JSON.parse(raw.toString()) as Record<string, unknown>));
  }

  async next(what: string, predicate: (frame: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    return eventually(what, () => this.all.find(predicate), timeoutMs);
  }

  events(): Record<string, unknown>[] {
    return this.all.filter((frame) => frame.action === 'event');
  }
}

export async function send(socket: WebSocket, frame: Record<string, unknown>): Promise<void> {
  await new Promise<void>((resolve, reject) => socket.send(JSON.stringify(frame), (error) => (error ? reject(error) : resolve())));
}

const SERVICES = ['api-gateway', 'customer-manager', 'flow-manager', 'webhook-manager', 'call-manager'];

function delayQueues(namespace: string): string[] {
  const levels = new Set<number>();
  for (let ms = 25; ms <= MAX_DELAY_MS; ms = ms < 500 ? ms + 25 : Math.ceil(ms * 1.04)) levels.add(delayLevel(ms));
  return [...levels].map((level) => `${namespace}.delay.${level}ms`);
}

/** Removes the queues and exchanges a test namespace may hold (deleting a missing one is a no-op). */
export async function deleteNamespace(namespace: string, extra: string[] = []): Promise<void> {
  const names = new MeshNames(namespace);
  const queues = [
    ...SERVICES.flatMap((service) => [names.requestQueue(service), names.subscribeQueue(service), names.deadLetterQueue(service)]),
    `${namespace}.webhook-manager.delivery`,
    ...delayQueues(namespace),
    ...extra,
  ];
  const exchanges = [...SERVICES.map((service) => names.eventExchange(service)), names.delayExchange];
  await deleteQueuesAndExchanges(rabbitUrl, queues, exchanges);
}


export { BreakerRegistry };
