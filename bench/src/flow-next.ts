import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { flowManager } from '@voxmesh/contracts';
import { AmqpBroker, BreakerRegistry, MeshMetrics, MeshNames, RpcClient } from '@voxmesh/mesh';
import { MysqlDatabase } from '@voxmesh/store';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { deleteQueuesAndExchanges, deleteRedisKeys, dropDatabase } from '@voxmesh/testkit';
import { CpuMeter, CpuTally } from './cpu.js';
import { cpuShares, describeShares, profileProcess } from './cpu-profile.js';
import { bareEcho, drive, median, type Call, type RpcFigures } from './rpc.js';
import { sameWorkNext } from './baselines/next-same-work.js';
import { startServiceProcess } from './service-process.js';

/**
 * `GET /v1/activeflows/<id>/next` with `concurrency` in flight, against the bare amqplib
 * echo and the plain same-work server (baselines/next-same-work.ts) measured in the same
 * run. flow-manager runs from its binary as its own process, so the CPU it spends per
 * step is read from /proc for it alone: RabbitMQ, MySQL and Redis, each step taking the activeflow's
 * lock in Redis, writing its state to MySQL (a versioned write) and to Redis, and
 * publishing `activeflow_updated`. The client is the one call-manager uses, derived
 * from the route table. Each in-flight slot drives an activeflow of its own through a
 * `[talk, goto talk]` loop, so every call runs the goto and returns the talk.
 */
export interface FlowNextBenchOptions {
  url: string;
  /** A MySQL URL without the database (`mysql://root:@127.0.0.1:3306`); a database is made and dropped. */
  mysql: string;
  /** Redis `host:port`. */
  redis: string;
  durationMs: number;
  concurrency?: number;
  rounds?: number;
  log: (line: string) => void;
}

export interface FlowNextResult {
  bare: RpcFigures;
  sameWork: RpcFigures;
  next: RpcFigures;
  /** next's throughput as a share of the bare echo's. */
  ratio: number;
  /** next's throughput over the same-work baseline's. */
  sameWorkRatio: number;
  /** flow-manager's own CPU per step (its process alone, from /proc), in µs. */
  flowManagerCpuUs: number | undefined;
  /** The same-work server's own CPU per step (its process alone), in µs: what a plain server of the same work costs. */
  sameWorkServerCpuUs: number | undefined;
  /** Where each step's CPU went, by process. */
  cpuBreakdown: string;
  /** Where flow-manager's own CPU per step went, by part (client libraries, GC, JSON, own code). */
  flowManagerParts: string;
}

export async function runFlowNextBench(options: FlowNextBenchOptions): Promise<FlowNextResult> {
  const concurrency = options.concurrency ?? 64;
  const rounds = options.rounds ?? 5;
  const roundMs = Math.max(300, Math.round(options.durationMs / rounds));
  const tag = randomUUID().slice(0, 8);
  const namespace = `bench-${tag}`;
  const database = `bench_${tag}`;
  const names = new MeshNames(namespace);
  const mysqlUrl = new URL(options.mysql);
  const dsn = `${mysqlUrl.protocol}//${mysqlUrl.username}:${mysqlUrl.password}@${mysqlUrl.hostname}:${mysqlUrl.port || 3306}/${database}`;

  const argv = ['-rabbit_addr', options.url, '-rabbit_namespace', namespace, '-dbDSN', dsn, '-redis_addr', options.redis, '-prom_listen_addr', '127.0.0.1:0', '-log_level', 'silent'];
  // The loop runs for the whole bench; the per-activeflow cap would end it.
  argv.push('-max_executions', '1000000000', '-rpc_concurrency', String(Math.max(concurrency, 1)));
  let service = await startServiceProcess('flow-manager', argv);

  const clientBroker = new AmqpBroker({ url: options.url, delayExchange: names.delayExchange, logger: silentLogger() });
  await clientBroker.start();
  const client = new RpcClient({
    contract: flowManager.flowManagerContract,
    broker: clientBroker,
    queue: names.requestQueue('flow-manager'),
    publisher: 'call-manager',
    metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
    breakers: new BreakerRegistry(),
  });
  const bare = await bareEcho(options.url, `bench.${tag}.bare`, Math.max(concurrency, 1));
  const same = await sameWorkNext({ url: options.url, mysqlUrl: options.mysql, database, redis: options.redis, slots: concurrency, prefetch: Math.max(concurrency, 1) });

  try {
    const flow = await client.call('createFlow', {
      body: { name: 'bench loop', actions: [{ id: 'talk', type: 'talk', option: { text: 'hello ${voipbin.call.id}' } }, { type: 'goto', option: { target_id: 'talk' } }] },
    });
    const idle: { id: string; current: string | undefined }[] = [];
    for (let i = 0; i < concurrency; i++) {
      const activeflow = await client.call('createActiveflow', { body: { call_id: randomUUID(), flow_id: flow.id } });
      idle.push({ id: activeflow.id, current: undefined });
    }
    const next: Call = async () => {
      const slot = idle.pop()!;
      try {
        const action = await client.call('nextAction', { params: { id: slot.id }, body: slot.current === undefined ? {} : { current_action_id: slot.current } });
        if (action.type !== 'talk') throw new Error(`expected talk, got ${action.type}`);
        slot.current = action.id;
      } finally {
        idle.push(slot);
      }
    };

    const bareRounds: RpcFigures[] = [];
    const sameRounds: RpcFigures[] = [];
    const nextRounds: RpcFigures[] = [];
    const cpu = new CpuTally(CpuMeter.open().watch('flow-manager', service.pid).watch('same-work server', same.pid));
    for (let round = 0; round < rounds; round++) {
      bareRounds.push(await cpu.measure('bare', (window) => drive(bare.call, concurrency, roundMs, window)));
      sameRounds.push(await cpu.measure('same-work', (window) => drive(same.call, concurrency, roundMs, window)));
      nextRounds.push(await cpu.measure('next', (window) => drive(next, concurrency, roundMs, window)));
    }
    const bareFigures = median(bareRounds);
    const sameFigures = median(sameRounds);
    const nextFigures = median(nextRounds);

    // The state is really where it should be: MySQL has the steps, Redis the copy.
    const probe = idle[0]!;
    const stored = await client.call('getActiveflow', { params: { id: probe.id } });
    const db = await MysqlDatabase.open({ host: mysqlUrl.hostname, port: Number(mysqlUrl.port || 3306), user: decodeURIComponent(mysqlUrl.username), password: decodeURIComponent(mysqlUrl.password), database });
    const rows = await db.query<{ version: number }>('SELECT version FROM flow_activeflows WHERE id = ?', [probe.id]);
    await db.close();
    const redis = redisClient(options.redis);
    const cached = await redis.get(`${namespace}:flow-manager:activeflow:${probe.id}`);
    redis.disconnect();
    const cachedVersion = cached === null ? undefined : (JSON.parse(cached) as { version: number }).version;

    // Where flow-manager's CPU goes: one more round in a process started with the
    // inspector (its profile's overhead stays out of the figures above).
    await service.stop();
    service = await startServiceProcess('flow-manager', argv, { inspect: true });
    await drive(next, concurrency, roundMs);
    const profile = await profileProcess(service.inspectorUrl!, async () => {
      await drive(next, concurrency, roundMs);
    });
    const flowManagerCpuUs = cpu.perCall('next', 'flow-manager');
    const flowManagerParts = flowManagerCpuUs === undefined ? 'not measured' : describeShares(cpuShares(profile), flowManagerCpuUs);
    options.log(`flow-manager CPU per step by part (from a profiled round): ${flowManagerParts}`);

    const f = (n: number) => n.toFixed(2);
    const ratio = nextFigures.throughput / bareFigures.throughput;
    const sameWorkRatio = nextFigures.throughput / sameFigures.throughput;
    options.log(
      `flow next in flight=${concurrency}  bare ${Math.round(bareFigures.throughput)}/s p50 ${f(bareFigures.p50Ms)} ms p99 ${f(bareFigures.p99Ms)} ms  |  ` +
        `same-work ${Math.round(sameFigures.throughput)}/s p50 ${f(sameFigures.p50Ms)} ms p99 ${f(sameFigures.p99Ms)} ms  |  ` +
        `next ${Math.round(nextFigures.throughput)}/s p50 ${f(nextFigures.p50Ms)} ms p99 ${f(nextFigures.p99Ms)} ms  |  next/bare ${f(ratio)}, next/same-work ${f(sameWorkRatio)}`,
    );
    // Everything shares the machine's cores, so the CPU each call costs, summed over the
    // processes, is what bounds the ratio.
    options.log(`flow next CPU per call: bare echo ${cpu.describe('bare')}  |  same-work ${cpu.describe('same-work')}  |  next ${cpu.describe('next')}`);
    options.log(
      `flow next state: activeflow ${probe.id.slice(0, 8)} executed ${stored.execute_count} actions; MySQL row version ${rows[0]?.version ?? 'missing'}, Redis copy version ${cachedVersion ?? 'missing'}`,
    );
    return {
      bare: bareFigures,
      sameWork: sameFigures,
      next: nextFigures,
      ratio,
      sameWorkRatio,
      flowManagerCpuUs,
      flowManagerParts,
      sameWorkServerCpuUs: cpu.perCall('same-work', 'same-work server'),
      cpuBreakdown: cpu.describe('next'),
    };
  } finally {
    await bare.close();
    await same.close();
    await clientBroker.close();
    await service.stop();
    await cleanUp(options, namespace, database, names);
  }
}

function redisClient(address: string): Redis {
  const [host, port] = address.split(':');
  const redis = new Redis({ host: host!, port: Number(port ?? 6379), db: 1, maxRetriesPerRequest: 1, disconnectTimeout: 50 });
  redis.on('error', () => undefined);
  return redis;
}

/** Leaves the servers as the bench found them: its queues, exchanges, database and keys go. */
async function cleanUp(options: FlowNextBenchOptions, namespace: string, database: string, names: MeshNames): Promise<void> {
  await deleteQueuesAndExchanges(options.url, [names.requestQueue('flow-manager')], [names.eventExchange('flow-manager'), names.delayExchange]);
  await dropDatabase(options.mysql, database);
  await deleteRedisKeys(options.redis, `${namespace}:*`);
}
