import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { commonFlags, meshConfigFrom, parseFlags } from '@voxmesh/config';
import { AmqpBroker, MeshNames, delayLevel, type Broker } from '@voxmesh/mesh';
import { createServiceContext, openSharedResources, startModule, type RunningService, type SharedResources } from '@voxmesh/runtime';
import { MysqlDatabase } from '@voxmesh/store';
import { silentLogger } from '@voxmesh/telemetry';
import type { callManager } from '@voxmesh/contracts';
import { readEvent, readResponse, type EventEnvelope } from '@voxmesh/wire';
import { deleteQueuesAndExchanges as deleteBrokerNames, deleteRedisKeys, eventually, freePort, rabbitUrl, redisAddr, sleep } from '@voxmesh/testkit';
import { flowManagerFlags } from '../src/config.js';
import { flowManagerModule } from '../src/main.js';

/**
 * What the integration tests stand on: the machine's RabbitMQ, MariaDB and Redis (or
 * RABBIT_ADDR, TEST_MYSQL_DSN, TEST_REDIS_ADDR), one namespace and one database per
 * test file, removed afterwards. flow-manager starts the way `bin/flow-manager` starts
 * it, and the tests talk to it only through raw envelopes on its request queue.
 */
export { eventually, rabbitUrl, redisAddr, sleep };
const mysqlUrl = new URL(process.env.TEST_MYSQL_DSN ?? 'mysql://root:@127.0.0.1:3306/unused');

export interface Reply {
  status_code: number;
  // Replies are read as JSON; tests look into them freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

export type Mode = 'servers' | 'embedded';

/**
 * One flow-manager and a client of it. In `servers` mode it runs on RabbitMQ, MySQL and
 * Redis; in `embedded` mode on the in-process bus, the embedded SQLite and the memory
 * cache (the `npm start` default), to show the same behaviour on both.
 */
export class FlowManagerEnv {
  readonly namespace = `test-${randomUUID().slice(0, 8)}`;
  readonly database = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  readonly names = new MeshNames(this.namespace);
  readonly events: EventEnvelope[] = [];
  private running: RunningService | undefined;
  private shared: SharedResources | undefined;
  private client: Broker | undefined;
  private readonly delaysUsed = new Set<number>();
  private readonly extraQueues = new Set<string>();

  constructor(
    private readonly mode: Mode = 'servers',
    private readonly redis: string = redisAddr,
  ) {}

  get dsn(): string {
    return `mysql://${mysqlUrl.username}:${mysqlUrl.password}@${mysqlUrl.hostname}:${mysqlUrl.port || 3306}/${this.database}`;
  }

  argv(extra: string[]): string[] {
    const base =
      this.mode === 'servers'
        ? ['-rabbit_addr', rabbitUrl, '-dbDSN', this.dsn, '-redis_addr', this.redis]
        : ['-rabbit_addr', 'embedded', '-dbDSN', 'embedded', '-redis_addr', 'embedded'];
    return [...base, '-rabbit_namespace', this.namespace, '-prom_listen_addr', '127.0.0.1:0', '-log_level', 'silent', ...extra];
  }

  /** Remembers a delay the run will use, so its delay queue is removed afterwards. */
  usesDelay(ms: number): void {
    this.delaysUsed.add(delayLevel(ms));
  }

  /** Remembers a queue a test declared (a stand-in for another service), to remove it afterwards. */
  ownsQueue(name: string): void {
    this.extraQueues.add(name);
  }

  async start(extra: string[] = []): Promise<this> {
    const specs = [...commonFlags('flow-manager'), ...flowManagerFlags];
    const { values, explicit } = parseFlags(specs, this.argv(extra));
    const config = meshConfigFrom('flow-manager', values, explicit);
    this.shared = await openSharedResources(config, silentLogger());
    this.running = await startModule(flowManagerModule, createServiceContext(flowManagerModule, config, values, this.shared));
    if (this.mode === 'servers') {
      const broker = new AmqpBroker({ url: rabbitUrl, delayExchange: this.names.delayExchange, logger: silentLogger(), minBackoffMs: 50, maxBackoffMs: 500 });
      await broker.start();
      this.client = broker;
    } else {
      this.client = this.shared.broker;
    }
    const listener = `${this.namespace}.test.events`;
    await this.client.declareFanout(this.names.eventExchange('flow-manager'));
    await this.client.declareQueue(listener);
    await this.client.bindQueue(listener, this.names.eventExchange('flow-manager'));
    await this.client.consume(
      listener,
      async (delivery) => {
        this.events.push(readEvent(delivery.body));
      },
      { prefetch: 100 },
    );
    return this;
  }

  /** The shared resources of the running service (its broker, for fakes of other services). */
  get resources(): SharedResources {
    return this.shared!;
  }

  /** Sends a raw request envelope to flow-manager's queue and reads the reply. */
  async request(method: string, uri: string, data?: unknown, timeoutMs = 15_000): Promise<Reply> {
    const envelope: Record<string, unknown> = { uri, method, data_type: 'application/json', publisher: 'test', request_id: randomUUID() };
    if (data !== undefined) envelope.data = data;
    const delivery = await this.client!.request(this.names.requestQueue('flow-manager'), Buffer.from(JSON.stringify(envelope)), { correlationId: randomUUID() }, timeoutMs);
    const response = readResponse(delivery.body);
    return { status_code: response.status_code, data: response.data };
  }

  /** As `request`, failing the test with the reply unless it is a 200. */
  async ok(method: string, uri: string, data?: unknown): Promise<Reply['data']> {
    const reply = await this.request(method, uri, data);
    if (reply.status_code !== 200) throw new Error(`${method} ${uri} answered ${reply.status_code}: ${JSON.stringify(reply.data)}`);
    return reply.data;
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.stop();
    if (this.client && this.client !== this.shared?.broker) await this.client.close();
    await this.shared?.close();
    this.shared = undefined;
  }

  /** Stops everything and removes the namespace's queues, exchanges, database and cache keys. */
  async close(): Promise<void> {
    await this.stop();
    if (this.mode !== 'servers') return;
    await deleteQueuesAndExchanges(
      [
        this.names.requestQueue('flow-manager'),
        `${this.namespace}.test.events`,
        ...this.extraQueues,
        ...[...this.delaysUsed].map((level) => `${this.names.delayExchange}.${level}ms`),
      ],
      [this.names.eventExchange('flow-manager'), this.names.delayExchange],
    );
    const db = await MysqlDatabase.open({ host: mysqlUrl.hostname, port: Number(mysqlUrl.port || 3306), user: decodeURIComponent(mysqlUrl.username), password: decodeURIComponent(mysqlUrl.password), database: this.database });
    try {
      await db.execute(`DROP DATABASE IF EXISTS \`${this.database}\``);
    } finally {
      await db.close();
    }
    await deleteRedisKeys(this.redis, `${this.namespace}:*`).catch(() => undefined);
  }
}


/** Removes the keys a test namespace left (the service writes to Redis database 1). */
export async function redisKeys(address: string, pattern: string): Promise<string[]> {
  const [host, port] = address.split(':');
  const redis = new Redis({ host: host!, port: Number(port ?? 6379), db: 1, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, disconnectTimeout: 50 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await redis.keys(pattern);
  } finally {
    redis.disconnect();
  }
}



/** A redis-server of the test's own, on a free port, without persistence. */
export class OwnRedis {
  private child: ChildProcess | undefined;
  port = 0;

  async start(): Promise<string> {
    this.port = await freePort();
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
    this.child = child;
    await eventually('redis-server to listen', async () => {
      const redis = new Redis({ host: '127.0.0.1', port: this.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, disconnectTimeout: 50 });
      redis.on('error', () => undefined);
      try {
        await redis.connect();
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        redis.disconnect();
      }
    }, 10_000, 50);
    return `127.0.0.1:${this.port}`;
  }

  /** Freezes the server (SIGSTOP): connections stay open but nothing is answered. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}

export interface Answer {
  status: number;
  body?: string;
  delayMs?: number;
  contentType?: string;
}

export interface Seen {
  method: string;
  url: string;
  body: string;
  /** The request's content type, to tell a form body from JSON. */
  contentType: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A customer's server for fetch: records what it is asked and answers as told. */
export class FetchServer {
  readonly seen: Seen[] = [];
  answer: (request: Seen) => Answer = () => ({ status: 200, body: '[]' });
  private server: Server | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const seen = { method: req.method ?? 'GET', url: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8'), contentType: req.headers['content-type'] ?? '', headers: req.headers };
        this.seen.push(seen);
        const answer = this.answer(seen);
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' });
          res.end(answer.body ?? '');
        };
        if (answer.delayMs) {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            send();
          }, answer.delayMs);
          this.timers.add(timer);
        } else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path = '/actions'): string {
    return `http://127.0.0.1:${this.port}${path}`;
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

export { freePort };

/** Removes what a test declared on the broker. */
export function deleteQueuesAndExchanges(queues: string[], exchanges: string[]): Promise<void> {
  return deleteBrokerNames(rabbitUrl, queues, exchanges);
}

/** A confbridge as call-manager's contract answers it, for the one a stand-in made. */
export function confbridgeDoc(id: string, request: { account_id?: string | undefined; activeflow_id?: string | undefined; reference_id?: string | undefined }): callManager.Confbridge {
  return {
    id,
    account_id: request.account_id ?? '',
    type: 'connect',
    status: 'progressing',
    activeflow_id: request.activeflow_id ?? '',
    reference_id: request.reference_id ?? '',
    call_ids: [],
    tm_create: new Date().toISOString(),
    tm_update: null,
    tm_delete: null,
  };
}

/** An outgoing call as call-manager's contract answers it, for a leg a stand-in made. */
export function callDoc(id: string, request: { account_id?: string | undefined; flow_id?: string | undefined; master_call_id?: string | undefined }, destination: callManager.Address): callManager.Call {
  return {
    id,
    account_id: request.account_id ?? '',
    type: 'flow',
    direction: 'outgoing',
    status: 'dialing',
    source: { type: 'tel', target: '+15550000' },
    destination,
    channel_id: `channel-of-${id}`,
    media_server: 'fs-1',
    flow_id: request.flow_id ?? '',
    activeflow_id: '',
    action: null,
    master_call_id: request.master_call_id ?? '',
    chained_call_ids: [],
    confbridge_id: '',
    recording_id: '',
    recording_ids: [],
    external_medias: [],
    device: null,
    owner_id: '',
    hold: false,
    mute_direction: '',
    early_execution: false,
    hangup_by: '',
    hangup_reason: '',
    hangup_cause: '',
    errors: [],
    tm_ringing: null,
    tm_progressing: null,
    tm_hangup: null,
    tm_create: new Date().toISOString(),
    tm_update: null,
    tm_delete: null,
  };
}
