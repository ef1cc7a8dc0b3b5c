import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import amqp from 'amqplib';
import mysql from 'mysql2/promise';
import { commonFlags, meshConfigFrom, parseFlags } from '@voxmesh/config';
import { AmqpBroker, BreakerRegistry, EventPublisher, MeshMetrics, MeshNames, RpcClient, delayLevel, MAX_DELAY_MS } from '@voxmesh/mesh';
import { createServiceContext, openSharedResources, startModule, type RunningService, type SharedResources } from '@voxmesh/runtime';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { deleteQueuesAndExchanges, deleteRedisKeys, eventually, meshArgv, mysqlTarget, rabbitUrl, redisAddr, sleep } from '@voxmesh/testkit';
import { webhookFlags } from '../src/config.js';
import { contract } from '../src/contract.js';
import { webhookManagerModule } from '../src/main.js';

/**
 * What the integration tests stand on: the machine's RabbitMQ, MariaDB and Redis (or
 * RABBIT_ADDR, TEST_MYSQL_DSN, TEST_REDIS_ADDR), one namespace and one database per
 * test file, removed afterwards; real webhook-manager replicas started the way
 * `bin/webhook-manager` starts them; and local HTTP receivers.
 */
export { eventually, mysqlTarget, rabbitUrl, redisAddr, sleep };

export interface Received {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering (to provoke timeouts). */
  delayMs?: number;
}

/** A local HTTP server that records what it is sent and answers as told. */
export class Receiver {
  readonly requests: Received[] = [];
  respond: (request: Received, index: number) => Reply = () => ({ status: 200, body: 'ok' });
  private server: Server | undefined;
  private port = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://receiver');
        const received: Received = {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        const index = this.requests.length;
        this.requests.push(received);
        const reply = this.respond(received, index);
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
          res.end(reply.body ?? '');
        };
        if (reply.delayMs) {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            send();
          }, reply.delayMs);
          this.timers.add(timer);
        } else send();
      });
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string): Received[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export interface Replica {
  running: RunningService;
  shared: SharedResources;
  /** Stops the service the graceful way, then closes its connections. */
  stop(): Promise<void>;
}

/** Flags for fast tests: short retries and sweeps, private targets allowed, quiet logs. */
export const fastFlags = [
  '-webhook_allow_private',
  '-webhook_retry_base_ms',
  '100',
  '-webhook_retry_max_ms',
  '400',
  '-webhook_request_timeout_ms',
  '1500',
  '-webhook_connect_timeout_ms',
  '1000',
  '-webhook_sweep_interval_ms',
  '500',
];

export class TestEnv {
  readonly namespace = `test-${randomUUID().slice(0, 8)}`;
  readonly database = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  readonly names = new MeshNames(this.namespace);
  private readonly replicas = new Set<Replica>();
  private broker: AmqpBroker | undefined;
  private readonly publishers = new Map<string, EventPublisher>();
  private readonly metrics = new MeshMetrics(createRegistry({ defaultMetrics: false }));
  private client: RpcClient<typeof contract.routes> | undefined;

  get dsn(): string {
    return `mysql://${encodeURIComponent(mysqlTarget.user)}:${encodeURIComponent(mysqlTarget.password)}@${mysqlTarget.host}:${mysqlTarget.port}/${this.database}`;
  }

  /** The command line a replica of this environment starts with. */
  argv(extra: string[] = []): string[] {
    return [
      ...meshArgv({ rabbitUrl, namespace: this.namespace, dsn: this.dsn, redisAddr }),
      ...extra,
    ];
  }

  /** Starts a webhook-manager replica the way `runStandalone` does, in this process. */
  async startReplica(extra: string[] = fastFlags): Promise<Replica> {
    const specs = [...commonFlags('webhook-manager'), ...webhookFlags];
    const { values, explicit } = parseFlags(specs, this.argv(extra));
    const config = meshConfigFrom('webhook-manager', values, explicit);
    const shared = await openSharedResources(config, silentLogger());
    const running = await startModule(webhookManagerModule, createServiceContext(webhookManagerModule, config, values, shared));
    const replica: Replica = {
      running,
      shared,
      stop: async () => {
        if (!this.replicas.delete(replica)) return;
        await running.stop();
        await shared.close();
      },
    };
    this.replicas.add(replica);
    return replica;
  }

  async testBroker(): Promise<AmqpBroker> {
    if (!this.broker) {
      this.broker = new AmqpBroker({ url: rabbitUrl, delayExchange: this.names.delayExchange, logger: silentLogger(), minBackoffMs: 50, maxBackoffMs: 500 });
      await this.broker.start();
    }
    return this.broker;
  }

  /** The RPC client another service would use. */
  async rpc(): Promise<RpcClient<typeof contract.routes>> {
    this.client ??= new RpcClient({
      contract,
      broker: await this.testBroker(),
      queue: this.names.requestQueue('webhook-manager'),
      publisher: 'test',
      metrics: this.metrics,
      breakers: new BreakerRegistry(),
    });
    return this.client;
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

  /** Takes what was parked in webhook-manager's dead-letter queue. */
  async deadLetters(): Promise<{ body: Record<string, unknown>; headers: Record<string, unknown> }[]> {
    const connection = await amqp.connect(rabbitUrl);
    try {
      const channel = await connection.createChannel();
      const taken: { body: Record<string, unknown>; headers: Record<string, unknown> }[] = [];
      for (;;) {
        const message = await channel.get(this.names.deadLetterQueue('webhook-manager'), { noAck: true });
        if (!message) break;
        taken.push({ body: JSON.parse(message.content.toString()) as Record<string, unknown>, headers: (message.properties.headers ?? {}) as Record<string, unknown> });
      }
      await channel.close();
      return taken;
    } finally {
      await connection.close();
    }
  }

  async sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    const connection = await mysql.createConnection({ ...mysqlTarget, database: this.database });
    try {
      const [rows] = await connection.query(query, params);
      return rows as T[];
    } finally {
      await connection.end();
    }
  }

  /** Stops every replica, then removes the namespace's queues and exchanges, the database and the cache keys. */
  async cleanup(): Promise<void> {
    for (const replica of [...this.replicas]) await replica.stop().catch(() => undefined);
    await this.broker?.close();
    await deleteNamespace(this.namespace);
    const connection = await mysql.createConnection(mysqlTarget);
    await connection.query(`DROP DATABASE IF EXISTS \`${this.database}\``).finally(() => connection.end());
    await deleteRedisKeys(redisAddr, `${this.namespace}:*`);
  }
}

const SERVICES = ['webhook-manager', 'call-manager', 'flow-manager', 'customer-manager'];

/** Every delay-level queue delayed delivery may have made (deleting a missing queue is a no-op). */
function delayQueues(namespace: string): string[] {
  const levels = new Set<number>();
  for (let ms = 25; ms <= MAX_DELAY_MS; ms = ms < 500 ? ms + 25 : Math.ceil(ms * 1.04)) levels.add(delayLevel(ms));
  return [...levels].map((level) => `${namespace}.delay.${level}ms`);
}

export async function deleteNamespace(namespace: string): Promise<void> {
  const names = new MeshNames(namespace);
  const queues = [
    ...SERVICES.flatMap((service) => [names.requestQueue(service), names.subscribeQueue(service), names.deadLetterQueue(service)]),
    `${namespace}.webhook-manager.delivery`,
    ...delayQueues(namespace),
  ];
  const exchanges = [...SERVICES.map((service) => names.eventExchange(service)), names.delayExchange];
  await deleteQueuesAndExchanges(rabbitUrl, queues, exchanges);
}


/** An account as customer-manager would announce it. */
export function accountEvent(id: string, extra: Record<string, unknown> = {}) {
  return { id, name: `account ${id}`, webhook_secret: `secret-${id}`, ...extra };
}

/** A Kazoo channel event as call-manager would publish it. */
export function channelEvent(accountId: string, callId: string, extra: Record<string, unknown> = {}) {
  return {
    account_id: accountId,
    call_id: callId,
    call_direction: 'inbound',
    caller_id_name: 'Alice',
    caller_id_number: '+14155550123',
    callee_id_name: 'Support',
    callee_id_number: '+14155550100',
    from: '+14155550123@sip.example.com',
    to: '+14155550100@sip.example.com',
    request: '+14155550100@sip.example.com',
    is_internal_leg: false,
    custom_channel_vars: { account_id: accountId },
    ...extra,
  };
}

export function newId(): string {
  return randomUUID().replace(/-/g, '');
}
