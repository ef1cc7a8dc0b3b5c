import { randomUUID } from 'node:crypto';
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { FreeSwitchServer } from 'esl';
import { callManagerFlags, callManagerModule, type CallManagerHandle } from '@voxmesh/call-manager';
import { commonFlags, meshConfigFrom, parseFlags, type FlagSpec } from '@voxmesh/config';
import { flowManager } from '@voxmesh/contracts';
import { flowManagerFlags, flowManagerModule } from '@voxmesh/flow-manager';
import { BreakerRegistry, MeshMetrics, MeshNames, RpcClient, delayLevel } from '@voxmesh/mesh';
import { createServiceContext, openSharedResources, startModule, type RunningService } from '@voxmesh/runtime';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { deleteQueuesAndExchanges, deleteRedisKeys, dropDatabase } from '@voxmesh/testkit';
import { readdirSync, readlinkSync } from 'node:fs';
import { CpuMeter, CpuTally } from './cpu.js';
import { cpuShares, describeShares, profileHere } from './cpu-profile.js';
import { ProcessSimulator } from './process-sim.js';
import { ThreadedSimulator } from './threaded-sim.js';

/**
 * Inbound calls end to end: esl-sim (on a worker thread, as FreeSWITCH is on a machine
 * of its own) places them, hands each to call-manager's
 * outbound-socket server, and call-manager runs a four-action flow from flow-manager
 * (answer, talk, digits_receive timing out through a delayed message, hangup) on
 * RabbitMQ, MySQL and Redis, every service in this process. The baseline, measured in
 * the same run against the same simulator, is a bare esl application that runs the
 * same applications on each call with nothing behind it. Then calls are held (their
 * gather waits ten minutes) to see how many call-manager keeps at once, and what each
 * costs in memory.
 */
export interface CallsBenchOptions {
  url: string;
  /** A MySQL URL without the database (`mysql://root:@127.0.0.1:3306`); a database is made and dropped. */
  mysql: string;
  /** Redis `host:port`. */
  redis: string;
  durationMs: number;
  /** Calls in flight while measuring the rate (and on their way in while calls are held). */
  concurrency?: number;
  /** Calls held at once in the second part. */
  hold?: number;
  /** esl-sim's time scale: 0.01 plays the flow's prompt in 7 ms. */
  timeScale?: number;
  log: (line: string) => void;
}

export interface CallsBenchResult {
  /** Calls in flight while the rate was measured. */
  concurrency: number;
  baselineCallsPerSecond: number;
  callsPerSecond: number;
  /** call-manager's rate as a share of the bare esl application's. */
  ratio: number;
  nextP50Ms: number;
  nextP99Ms: number;
  /** The same calls at a quarter of the load, below saturation: the rate and next-action latency there. */
  light: { concurrency: number; callsPerSecond: number; nextP50Ms: number; nextP99Ms: number };
  /** Where the main thread's CPU went (call-manager and flow-manager; esl-sim has its own thread), by part, from a profiled round. */
  mainThreadParts: string;
  held: number;
  holdTarget: number;
  /** Seconds from the first held call placed to the last one in its gather. */
  rampSeconds: number;
  /** Heap growth per held call, for flow-manager and call-manager together (one process). */
  bytesPerCall: number;
  /** Open sockets per held call in the platform's process (esl-sim runs in its own). */
  socketsPerCall: number;
  /** Where each call's CPU went while the rate was measured, by process. */
  cpuBreakdown: string;
}

/** Sockets this process holds open, from /proc (0 where there is no /proc). */
function openSockets(): number {
  try {
    let count = 0;
    for (const fd of readdirSync('/proc/self/fd')) {
      try {
        if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) count++;
      } catch {
        // closed while counting
      }
    }
    return count;
  } catch {
    return 0;
  }
}

const GATHER_MS = 50;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `work`, but no longer than `ms`: a socket a peer never closes must not hold the bench. */
const within = (ms: number, work: Promise<unknown>) => Promise.race([work.catch(() => undefined), sleep(ms)]);

/** A collected heap, for memory figures that mean something. */
function heapUsed(): number {
  v8.setFlagsFromString('--expose_gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/**
 * Keeps `concurrency` calls in flight for `durationMs`, placing a new one whenever one
 * ends; returns the calls completed per second. `ended()` counts the calls over.
 */
async function drive(sim: ThreadedSimulator, to: string, concurrency: number, durationMs: number, ended: () => number): Promise<number> {
  const startEnded = ended();
  let placed = 0;
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    const inFlight = placed - (ended() - startEnded);
    for (let i = inFlight; i < concurrency; i++) {
      void sim.placeCall({ from: `+1555${String(placed % 10_000_000).padStart(7, '0')}`, to }).catch(() => undefined);
      placed++;
    }
    await sleep(2);
  }
  const done = ended() - startEnded;
  const seconds = (performance.now() - started) / 1000;
  // Let the calls in flight finish before the next part.
  const drainUntil = performance.now() + 10_000;
  while (ended() - startEnded < placed && performance.now() < drainUntil) await sleep(10);
  return done / seconds;
}

/** The baseline: an esl outbound-socket application running the same applications, nothing behind it. */
async function bareApplication(port: number, onEnded: () => void): Promise<FreeSwitchServer> {
  const quiet = { debug: () => undefined, info: () => undefined, error: () => undefined };
  const server = new FreeSwitchServer({ all_events: false, my_events: true, logger: quiet });
  server.on('connection', (call) => {
    void (async () => {
      try {
        await call.command('answer', '', 10_000);
        await call.command('speak', 'flite|slt|hello', 10_000);
        await sleep(GATHER_MS);
        await call.hangup('NORMAL_CLEARING');
      } catch {
        // A call that went away early ends the same way.
      }
      onEnded();
      call.end();
    })();
  });
  await server.listen({ host: '127.0.0.1', port });
  return server;
}

export async function runCallsBench(options: CallsBenchOptions): Promise<CallsBenchResult> {
  const { log } = options;
  const concurrency = options.concurrency ?? 128;
  const holdTarget = options.hold ?? 10_000;
  const timeScale = options.timeScale ?? 0.01;
  const tag = randomUUID().slice(0, 8);
  const namespace = `bench-${tag}`;
  const database = `bench_${tag}`;
  const names = new MeshNames(namespace);
  const mysqlUrl = new URL(options.mysql);
  const dsn = `${mysqlUrl.protocol}//${mysqlUrl.username}:${mysqlUrl.password}@${mysqlUrl.hostname}:${mysqlUrl.port || 3306}/${database}`;
  const appPort = await freePort();
  const basePort = await freePort();

  // The baseline first, against its own simulator, so nothing else runs meanwhile.
  let baseEnded = 0;
  const baseSim = new ThreadedSimulator({ appAddrs: [`127.0.0.1:${basePort}`], controlListenAddr: null, timeScale, keepEndedCalls: 100 });
  await baseSim.start();
  const bare = await bareApplication(basePort, () => baseEnded++);
  const baselineCallsPerSecond = await drive(baseSim, '+15550000', concurrency, options.durationMs, () => baseEnded);
  await within(10_000, baseSim.stop());
  await within(5000, bare.close());

  const sim = new ThreadedSimulator({ appAddrs: [`127.0.0.1:${appPort}`], controlListenAddr: null, timeScale, keepEndedCalls: 100 });
  const eslPort = (await sim.start()).esl.port;
  // Held calls go through a second media server in its own process: ten thousand calls
  // are twenty thousand socket ends, more than one process may open here.
  const holdEslPort = await freePort();
  const holdSim = new ProcessSimulator({ eslPort: holdEslPort, controlPort: await freePort(), appAddr: `127.0.0.1:${appPort}`, timeScale });
  await holdSim.start();
  const byName = new Map<string, FlagSpec>(commonFlags('platform').map((spec) => [spec.name, spec]));
  for (const spec of [...flowManagerFlags, ...callManagerFlags]) byName.set(spec.name, spec);
  const argv = [
    '-rabbit_addr',
    options.url,
    '-rabbit_namespace',
    namespace,
    '-dbDSN',
    dsn,
    '-redis_addr',
    options.redis,
    '-prom_listen_addr',
    '127.0.0.1:0',
    '-log_level',
    'silent',
    '-esl_addr',
    `127.0.0.1:${eslPort},127.0.0.1:${holdEslPort}`,
    '-esl_listen_addr',
    `127.0.0.1:${appPort}`,
    '-shutdown_grace_ms',
    '0',
    '-instance_id',
    namespace,
  ];
  const { values, explicit } = parseFlags([...byName.values()], argv);
  const shared = await openSharedResources(meshConfigFrom('platform', values, explicit), silentLogger());
  const running: RunningService[] = [];
  for (const module of [flowManagerModule, callManagerModule]) {
    running.push(await startModule(module, createServiceContext(module, meshConfigFrom(module.name, values, explicit), values, shared)));
  }
  const callManager = running[1] as CallManagerHandle;
  const client = new RpcClient({
    contract: flowManager.flowManagerContract,
    broker: shared.broker,
    queue: names.requestQueue('flow-manager'),
    publisher: 'bench',
    metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
    breakers: new BreakerRegistry(),
  });
  const ended = () => {
    let total = 0;
    for (const reason of ['normal', 'failed', 'cancel', 'timeout', 'busy', 'noanswer', 'amd', 'dialout']) total += callManager.metrics.callsEnded.cell(['incoming', reason]).value;
    return total;
  };

  try {
    while (!callManager.pool.servers.every((server) => server.connected)) await sleep(20);
    await client.call('createFlow', {
      body: {
        name: 'bench',
        account_id: 'bench',
        numbers: ['+15550000'],
        actions: [
          { type: 'answer' },
          { type: 'talk', option: { text: 'hello' } },
          { type: 'digits_receive', option: { duration: GATHER_MS, length: 1 } },
          { type: 'hangup' },
        ],
      },
    });
    await client.call('createFlow', {
      body: {
        name: 'bench hold',
        account_id: 'bench',
        numbers: ['+15550001'],
        actions: [{ type: 'answer' }, { type: 'talk', option: { text: 'hello' } }, { type: 'digits_receive', option: { duration: 600_000, length: 1 } }, { type: 'hangup' }],
      },
    });
    // A short warm-up: connections, prepared paths, JIT.
    await drive(sim, '+15550000', concurrency, Math.min(1000, options.durationMs), ended);
    callManager.metrics.nextSamples.reset();
    const cpu = new CpuTally(CpuMeter.open());
    let callsPerSecond = 0;
    await cpu.measure('calls', async () => {
      const before = ended();
      callsPerSecond = await drive(sim, '+15550000', concurrency, options.durationMs, ended);
      return { count: ended() - before };
    });
    const samples = callManager.metrics.nextSamples.snapshot().map((seconds) => seconds * 1000);
    const nextP50Ms = percentile(samples, 50);
    const nextP99Ms = percentile(samples, 99);
    const ratio = callsPerSecond / baselineCallsPerSecond;
    log(`calls: ${callsPerSecond.toFixed(0)} calls/s through esl-sim, call-manager and flow-manager (answer, talk, digits_receive, hangup; ${concurrency} in flight, time scale ${timeScale})`);
    log(`  baseline: a bare esl application on the same simulator: ${baselineCallsPerSecond.toFixed(0)} calls/s; ratio ${(ratio * 100).toFixed(0)}%`);
    log(`  CPU per call (node is esl-sim's thread, call-manager and flow-manager together): ${cpu.describe('calls')}`);
    log(`  next action: p50 ${nextP50Ms.toFixed(1)} ms, p99 ${nextP99Ms.toFixed(1)} ms over ${samples.length} steps (action end to the next one started on the media server)`);

    // At saturation a call's latency is mostly its wait for the CPU; a quarter of the
    // load shows what a step costs when the machine keeps up.
    const lightConcurrency = Math.max(1, Math.round(concurrency / 4));
    callManager.metrics.nextSamples.reset();
    const lightCallsPerSecond = await drive(sim, '+15550000', lightConcurrency, options.durationMs, ended);
    const lightSamples = callManager.metrics.nextSamples.snapshot().map((seconds) => seconds * 1000);
    const light = { concurrency: lightConcurrency, callsPerSecond: lightCallsPerSecond, nextP50Ms: percentile(lightSamples, 50), nextP99Ms: percentile(lightSamples, 99) };
    log(`  at ${lightConcurrency} in flight: ${lightCallsPerSecond.toFixed(0)} calls/s; next action p50 ${light.nextP50Ms.toFixed(1)} ms, p99 ${light.nextP99Ms.toFixed(1)} ms over ${lightSamples.length} steps`);

    // Where the main thread's CPU goes, from a profiled round (its overhead stays out of the figures above).
    const profile = await profileHere(async () => {
      await drive(sim, '+15550000', concurrency, Math.min(2000, options.durationMs), ended);
    });
    const mainThreadParts = describeShares(cpuShares(profile));
    log(`  main thread (call-manager and flow-manager) by part: ${mainThreadParts}`);

    const { held, rampSeconds, bytesPerCall, socketsPerCall } = await holdCalls(callManager, holdSim, holdTarget, concurrency, log);
    return { concurrency, baselineCallsPerSecond, callsPerSecond, ratio, nextP50Ms, nextP99Ms, light, mainThreadParts, held, holdTarget, rampSeconds, bytesPerCall, socketsPerCall, cpuBreakdown: cpu.describe('calls') };
  } finally {
    for (const service of [...running].reverse()) await within(30_000, service.stop());
    await within(10_000, sim.stop());
    await within(10_000, holdSim.stop());
    await within(10_000, shared.close());
    await cleanUp(options, names, database);
  }
}

/**
 * Places `holdTarget` calls into the hold flow's long gather, as fast as they are taken in,
 * counts those that got there and what each costs the services' process, then hangs them up.
 */
async function holdCalls(callManager: CallManagerHandle, holdSim: ProcessSimulator, holdTarget: number, concurrency: number, log: (line: string) => void) {
  while (callManager.registry.size > 0) await sleep(20);
  const before = heapUsed();
  const socketsBefore = openSockets();
  const placed: Promise<string>[] = [];
  const rampStarted = performance.now();
  const holding = () => callManager.registry.all().filter((session) => session.call.action?.type === 'digits_receive').length;
  // Placed as fast as they are taken in (at most `concurrency` on their way), as a busy trunk would.
  while (placed.length < holdTarget && performance.now() - rampStarted < 300_000) {
    const onTheirWay = placed.length - holding();
    for (let i = onTheirWay; i < concurrency && placed.length < holdTarget; i++) placed.push(holdSim.placeCall({ from: `+1666${String(placed.length).padStart(7, '0')}`, to: '+15550001' }).catch(() => ''));
    await sleep(20);
  }
  const waitUntil = performance.now() + 60_000;
  while (holding() < holdTarget && performance.now() < waitUntil) await sleep(50);
  const held = holding();
  const rampSeconds = (performance.now() - rampStarted) / 1000;
  const after = heapUsed();
  const socketsPerCall = held > 0 ? Math.max(0, openSockets() - socketsBefore) / held : 0;
  const bytesPerCall = held > 0 ? Math.max(0, after - before) / held : 0;
  log(
    `  held: ${held} of ${holdTarget} calls at once in their gather (reached in ${rampSeconds.toFixed(1)} s); heap ${(bytesPerCall / 1024).toFixed(1)} KiB and ${socketsPerCall.toFixed(2)} open sockets per call for flow-manager and call-manager together (esl-sim in its own process)`,
  );
  // Calls already over refuse the hangup; that is fine.
  for (let at = 0; at < placed.length; at += 200) {
    await Promise.all(placed.slice(at, at + 200).map(async (uuid) => holdSim.hangup(await uuid).catch(() => undefined)));
  }
  const drainUntil = performance.now() + 30_000;
  while (callManager.registry.size > 0 && performance.now() < drainUntil) await sleep(50);
  return { held, rampSeconds, bytesPerCall, socketsPerCall };
}

async function cleanUp(options: CallsBenchOptions, names: MeshNames, database: string): Promise<void> {
  const queues = ['call-manager', 'flow-manager'].flatMap((service) => [names.requestQueue(service), names.subscribeQueue(service), names.deadLetterQueue(service)]);
  for (const ms of [GATHER_MS, 600_000]) queues.push(`${names.delayExchange}.${delayLevel(ms)}ms`);
  const exchanges = [...['call-manager', 'flow-manager', 'customer-manager'].map((service) => names.eventExchange(service)), names.delayExchange];
  await deleteQueuesAndExchanges(options.url, queues, exchanges);
  await dropDatabase(options.mysql, database);
  // The cache only holds copies; what cannot be removed expires.
  await deleteRedisKeys(options.redis, `${names.namespace}:*`).catch(() => undefined);
}
