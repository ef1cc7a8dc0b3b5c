import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCallsBench } from './calls.js';
import { runFlowNextBench } from './flow-next.js';
import { runGatewayBench } from './gateway.js';
import { runRpcBench } from './rpc.js';
import { writeResults, type BenchResults } from './report.js';
import { runWebhookBench } from './webhooks.js';

/**
 * `npm run bench [-- -rabbit_addr URL -duration_ms N]`: runs every benchmark and prints
 * its figures next to the baseline measured in the same run.
 */
function flag(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const at = args.findIndex((arg) => arg.replace(/^--?/, '').split('=')[0] === name);
  if (at < 0) return fallback;
  const arg = args[at]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[at + 1] ?? fallback);
}

if (process.argv.includes('-h') || process.argv.includes('--help')) {
  process.stdout.write(
    'Usage: npm run bench -- [-rabbit_addr amqp://guest:guest@127.0.0.1:5672] [-mysql_url mysql://root:@127.0.0.1:3306] [-redis_addr 127.0.0.1:6379] [-duration_ms 5000] [-only rpc,next,gateway,webhooks,calls] [-hold 10000]\n' +
      'Writes bench/results.md with every figure beside its baselines, ratio and target.\n',
  );
  process.exit(0);
}

const url = flag('rabbit_addr', process.env.RABBIT_ADDR ?? 'amqp://guest:guest@127.0.0.1:5672');
const durationMs = Number(flag('duration_ms', '5000'));
const log = (line: string) => process.stdout.write(`${line}\n`);
const only = new Set(flag('only', 'rpc,next,gateway,webhooks,calls').split(',').map((part) => part.trim()));
const startLoad = os.loadavg();
const results: BenchResults = {};
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

log(`RPC benchmark against ${url.replace(/:[^:@/]*@/, ':***@')}, ${durationMs} ms per side in alternating rounds`);
const rpcResults = only.has('rpc') ? await runRpcBench({ url, durationMs, concurrencies: [1, 64], log }) : [];
const at64 = rpcResults.find((result) => result.concurrency === 64);
if (at64) {
  results.rpc = at64;
  const throughputRatio = at64.project.throughput / at64.bare.throughput;
  const p99Ratio = at64.project.p99Ms / at64.bare.p99Ms;
  log(`summary at 64 in flight: throughput ${(throughputRatio * 100).toFixed(0)}% of bare (target >= 80%), p99 ${p99Ratio.toFixed(2)}x bare (target <= 2x)`);
}

// flow-manager's next step beside the bare echo and the plain same-work server.
const mysqlServer = flag('mysql_url', process.env.BENCH_MYSQL_URL ?? 'mysql://root:@127.0.0.1:3306');
const redisAddr = flag('redis_addr', process.env.REDIS_ADDR ?? '127.0.0.1:6379');
if (only.has('next')) {
  log('');
  const flowNext = await runFlowNextBench({ url, mysql: mysqlServer, redis: redisAddr, durationMs, log });
  log(
    `summary flow next at 64 in flight: ${flowNext.sameWorkRatio.toFixed(2)}x the same-work baseline (target >= 1.5x), ${(flowNext.ratio * 100).toFixed(0)}% of the bare echo; ` +
      `flow-manager CPU per step ${flowNext.flowManagerCpuUs?.toFixed(0) ?? '?'} µs (target <= 90 µs; the same-work server's own ${flowNext.sameWorkServerCpuUs?.toFixed(0) ?? '?'} µs); p50 ${flowNext.next.p50Ms.toFixed(2)} ms, p99 ${flowNext.next.p99Ms.toFixed(2)} ms`,
  );
  results.next = flowNext;
}

// The REST path end to end: gateway, RPC and flow-manager on RabbitMQ, MySQL and Redis.
if (only.has('gateway')) {
  log('');
  results.gateway = await runGatewayBench({ url, mysql: mysqlServer, redis: redisAddr, durationMs, log });
}

// Webhook deliveries at 64 connections: the delivery engine and the whole service, beside a bare HTTP loop and the same-work consumer.
if (only.has('webhooks')) {
  log('');
  log('Webhook delivery benchmark (64 connections to a local receiver)');
  results.webhooks = await runWebhookBench({ rabbitUrl: url, mysql: mysqlServer, redisAddr, durationMs, log });
}

// Inbound calls through esl-sim, call-manager and flow-manager, beside a bare esl application.
if (only.has('calls')) {
  log('');
  results.calls = await runCallsBench({ url, mysql: mysqlServer, redis: redisAddr, durationMs, hold: Number(flag('hold', '10000')), log });
}
writeResults(join(root, 'bench', 'results.md'), root, results, startLoad);
log('');
log('figures, baselines, ratios and targets written to bench/results.md');
process.exit(0);
