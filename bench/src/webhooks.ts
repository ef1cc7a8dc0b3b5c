import { randomUUID } from 'node:crypto';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import { commonFlags, meshConfigFrom, parseFlags } from '@voxmesh/config';
import { webhookManager } from '@voxmesh/contracts';
import { BreakerRegistry, EventPublisher, MAX_DELAY_MS, MeshNames, RpcClient, delayLevel } from '@voxmesh/mesh';
import { createServiceContext, openSharedResources, startModule } from '@voxmesh/runtime';
import { MysqlDatabase } from '@voxmesh/store';
import { silentLogger } from '@voxmesh/telemetry';
import { Attempter, HttpSender, TargetGuard, webhookFlags, webhookManagerModule, type Delivery, type Webhook } from '@voxmesh/webhook-manager';
import { sameWorkWebhooks } from './baselines/webhooks-same-work.js';

/**
 * Webhook deliveries per second to a local receiver at 64 connections, beside a bare
 * keep-alive HTTP loop posting the same bodies to the same receiver in the same run:
 * - the delivery engine: what webhook-manager does for each attempt (encode the payload
 *   as the hook asks, sign it, check the target, send it through the client with its
 *   timeouts and response cap, judge the answer), 64 at a time;
 * - end to end: the whole service, events in from RabbitMQ, the MySQL outbox, leases
 *   and bookkeeping, every delivery committed to disk before and after it is sent;
 *   beside it the plain same-work consumer (baselines/webhooks-same-work.ts): event in,
 *   one outbox row, the POST, the row marked done.
 */
export interface WebhookBenchOptions {
  rabbitUrl: string;
  /** The MySQL server, as a mysql:// URL; the bench makes and drops its own database there. */
  mysql: string;
  redisAddr: string;
  durationMs: number;
  log: (line: string) => void;
}

export interface WebhookBenchResult {
  bare: number;
  engine: number;
  service: number;
  sameWork: number;
  /** End to end over the same-work baseline, the median of the rounds' ratios. */
  sameWorkRatio: number;
}

const CONCURRENCY = 64;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function channelPayload(accountId: string, callId: string) {
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
  };
}

async function startReceiver(): Promise<{ server: Server; port: number; count: (path: string) => number }> {
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      counts.set(path, (counts.get(path) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as AddressInfo).port, count: (path) => counts.get(path) ?? 0 };
}

/** Runs `once` from CONCURRENCY workers for `durationMs` after a short warm-up; completions per second. */
async function perSecond(once: () => Promise<void>, durationMs: number): Promise<number> {
  const warmUntil = Date.now() + Math.min(500, durationMs / 4);
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (Date.now() < warmUntil) await once();
  }));
  let done = 0;
  const started = performance.now();
  const stopAt = started + durationMs;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < stopAt) {
        await once();
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** The baseline: 64 workers posting the same JSON body over 64 kept-alive connections. */
async function bareLoop(port: number, body: Buffer, durationMs: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/bare', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  try {
    return await perSecond(post, durationMs);
  } finally {
    agent.destroy();
  }
}

/** webhook-manager's attempt path, 64 at a time, on the same receiver. */
async function engineLoop(port: number, accountId: string, payload: string, durationMs: number): Promise<number> {
  const sender = new HttpSender({
    guard: new TargetGuard({ allowPrivate: true }),
    connectTimeoutMs: 5000,
    requestTimeoutMs: 15_000,
    responseLimitBytes: 65_536,
    maxSockets: CONCURRENCY,
  });
  const attempter = new Attempter(sender);
  const hook = {
    id: randomUUID(),
    account_id: accountId,
    uri: `http://127.0.0.1:${port}/engine`,
    http_verb: 'post',
    format: 'json',
    hook: 'channel_create',
    retries: 2,
    custom_data: {},
    modifiers: {},
  } as unknown as Webhook;
  const delivery = (n: number): Delivery => ({
    seq: n,
    id: randomUUID(),
    eventId: randomUUID(),
    target: `hook:${hook.id}`,
    eventKey: String(n),
    lane: String(n),
    ordered: false,
    hookId: hook.id,
    accountId,
    hookEvent: 'channel_create',
    uri: null,
    method: null,
    contentType: null,
    payload,
    maxTries: 2,
    tryCount: 0,
    state: 'pending',
    nextAttemptAt: 0,
    leaseUntil: 0,
    createdAt: new Date().toISOString(),
  });
  let n = 0;
  const once = async () => {
    const result = await attempter.attempt(delivery(n++), hook, 'bench-secret', 1);
    if (result.verdict.kind !== 'success') throw new Error(`engine attempt failed: ${JSON.stringify(result.outcome)}`);
  };
  try {
    return await perSecond(once, durationMs);
  } finally {
    sender.close();
  }
}

export async function runWebhookBench(options: WebhookBenchOptions): Promise<WebhookBenchResult> {
  const { log } = options;
  const namespace = `bench-${randomUUID().slice(0, 8)}`;
  const server = new URL(options.mysql);
  const target = { host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username), password: decodeURIComponent(server.password) };
  const database = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const dsn = `mysql://${encodeURIComponent(target.user)}:${encodeURIComponent(target.password)}@${target.host}:${target.port}/${database}`;
  const receiver = await startReceiver();
  const accountId = randomUUID().replace(/-/g, '');
  const body = Buffer.from(JSON.stringify({ ...channelPayload(accountId, randomUUID()), hook_event: 'channel_create', timestamp: 63900000000 }));

  // Bare and engine first, in alternating rounds, so that a busy moment of the machine hits both alike;
  // the ratio is the median of the rounds' ratios.
  const bares: number[] = [];
  const engines: number[] = [];
  const round = Math.max(300, options.durationMs / 3);
  await bareLoop(receiver.port, body, 300);
  await engineLoop(receiver.port, accountId, body.toString(), 300);
  for (let i = 0; i < 6; i++) {
    bares.push(await bareLoop(receiver.port, body, round));
    engines.push(await engineLoop(receiver.port, accountId, body.toString(), round));
  }
  const bare = median(bares);
  const engine = median(engines);
  const engineRatio = median(engines.map((each, i) => each / bares[i]!));

  const specs = [...commonFlags('webhook-manager'), ...webhookFlags];
  const argv = [
    ...['-rabbit_addr', options.rabbitUrl, '-rabbit_namespace', namespace, '-dbDSN', dsn, '-redis_addr', options.redisAddr],
    ...['-prom_listen_addr', '127.0.0.1:0', '-log_level', 'silent', '-webhook_allow_private', '-webhook_max_connections', String(CONCURRENCY)],
  ];
  const { values, explicit } = parseFlags(specs, argv);
  const config = meshConfigFrom('webhook-manager', values, explicit);
  const shared = await openSharedResources(config, silentLogger());
  const running = await startModule(webhookManagerModule, createServiceContext(webhookManagerModule, config, values, shared));
  const names = new MeshNames(namespace);
  const same = await sameWorkWebhooks({
    url: options.rabbitUrl,
    mysqlUrl: options.mysql,
    database,
    receiverPort: receiver.port,
    received: () => receiver.count('/same-work'),
    payload: () => channelPayload(accountId, randomUUID()),
    prefetch: CONCURRENCY,
  });
  try {
    const client = new RpcClient({
      contract: webhookManager.webhookManagerContract,
      broker: shared.broker,
      queue: names.requestQueue('webhook-manager'),
      publisher: 'bench',
      metrics: shared.metrics,
      breakers: new BreakerRegistry(),
    });
    const calls = new EventPublisher({ broker: shared.broker, exchange: names.eventExchange('call-manager'), publisher: 'call-manager', metrics: shared.metrics });
    const accounts = new EventPublisher({ broker: shared.broker, exchange: names.eventExchange('customer-manager'), publisher: 'customer-manager', metrics: shared.metrics });
    await accounts.publish('account_created', { id: accountId, webhook_secret: 'bench-secret' });
    await client.call('createWebhook', {
      params: { account_id: accountId },
      body: { name: 'bench', uri: `http://127.0.0.1:${receiver.port}/hook`, hook: 'channel_create', format: 'json', http_verb: 'post' },
    });

    // Each event is its own call, so no delivery waits for another's turn: this measures throughput, not ordering.
    const pump = async (count: number) => {
      const before = receiver.count('/hook');
      const started = performance.now();
      for (let sent = 0; sent < count; sent += 200) {
        const batch = Math.min(200, count - sent);
        await Promise.all(Array.from({ length: batch }, () => calls.publish('channel_create', channelPayload(accountId, randomUUID()))));
      }
      while (receiver.count('/hook') - before < count) await new Promise((resolve) => setTimeout(resolve, 5));
      return count / ((performance.now() - started) / 1000);
    };

    // End to end alternates with the bare loop in short rounds too, the service staying up
    // between them: each side reports its median round, the ratio is the median of the
    // rounds' ratios.
    const perRound = Math.max(1500, Math.round((options.durationMs / 1000) * 1500));
    // Warm-up, one round's worth: connections, pools and the JIT reach their steady state
    // (a few hundred events left the first measured round well short of it).
    await pump(perRound);
    await same.pump(perRound);
    const services: number[] = [];
    const serviceBares: number[] = [];
    const sames: number[] = [];
    for (let i = 0; i < 5; i++) {
      serviceBares.push(await bareLoop(receiver.port, body, round));
      sames.push(await same.pump(perRound));
      services.push(await pump(perRound));
    }
    const service = median(services);
    const serviceRatio = median(services.map((each, i) => each / serviceBares[i]!));
    const sameWork = median(sames);
    const sameWorkRatio = median(services.map((each, i) => each / sames[i]!));
    log(`  bare HTTP loop                       ${bare.toFixed(0).padStart(7)}/s  (${median(serviceBares).toFixed(0)}/s in the end-to-end rounds)`);
    log(`  delivery engine (encode, sign, guard, send, judge)  ${engine.toFixed(0).padStart(7)}/s  ${(engineRatio * 100).toFixed(0)}% of bare (target >= 50%)`);
    log(`  same work (consume, outbox row, POST, mark done)  ${sameWork.toFixed(0).padStart(7)}/s`);
    log(
      `  end to end (RabbitMQ in, MySQL outbox, ${perRound} events a round)  ${service.toFixed(0).padStart(7)}/s  ${(serviceRatio * 100).toFixed(0)}% of bare, ${(sameWorkRatio * 100).toFixed(0)}% of same work (target >= 70%)`,
    );
    return { bare, engine, service, sameWork, sameWorkRatio };
  } finally {
    await same.close().catch(() => undefined);
    await running.stop();
    await shared.close();
    receiver.server.closeAllConnections();
    receiver.server.close();
    await cleanup(options, namespace, target, database);
  }
}

async function cleanup(options: WebhookBenchOptions, namespace: string, target: { host: string; port: number; user: string; password: string }, database: string) {
  const names = new MeshNames(namespace);
  const connection = await amqp.connect(options.rabbitUrl);
  const channel = await connection.createChannel();
  const services = ['webhook-manager', 'call-manager', 'flow-manager', 'customer-manager'];
  const levels = new Set<number>();
  for (let ms = 25; ms <= MAX_DELAY_MS; ms = ms < 500 ? ms + 25 : Math.ceil(ms * 1.04)) levels.add(delayLevel(ms));
  for (const queue of [
    ...services.flatMap((service) => [names.requestQueue(service), names.subscribeQueue(service), names.deadLetterQueue(service)]),
    `${namespace}.webhook-manager.delivery`,
    ...[...levels].map((level) => `${names.delayExchange}.${level}ms`),
  ]) {
    await channel.deleteQueue(queue);
  }
  for (const exchange of [...services.map((service) => names.eventExchange(service)), names.delayExchange]) await channel.deleteExchange(exchange);
  await connection.close();
  const db = await MysqlDatabase.open({ ...target, database });
  await db.execute(`DROP DATABASE IF EXISTS \`${database}\``);
  await db.close();
  const [host, port] = options.redisAddr.split(':');
  const redis = new Redis({ host: host!, port: Number(port ?? 6379), db: 1, lazyConnect: true });
  await redis.connect();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
