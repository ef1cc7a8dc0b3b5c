import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { CallsBenchResult } from './calls.js';
import type { FlowNextResult } from './flow-next.js';
import type { GatewayBenchResult } from './gateway.js';
import type { RpcFigures } from './rpc.js';
import type { WebhookBenchResult } from './webhooks.js';

/** What one `npm run bench` measured; a part left out (-only) is absent. */
export interface BenchResults {
  rpc?: { bare: RpcFigures; project: RpcFigures };
  next?: FlowNextResult;
  gateway?: GatewayBenchResult;
  webhooks?: WebhookBenchResult;
  calls?: CallsBenchResult;
}

const f0 = (n: number) => n.toFixed(0);
const f2 = (n: number) => n.toFixed(2);

function verdict(met: boolean): string {
  return met ? 'met' : '**not met**';
}

function commit(root: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** `bench/results.md`: the machine, the date, the commit, and each figure beside its baselines, ratio and target. */
export function writeResults(path: string, root: string, results: BenchResults, startLoad: number[]): void {
  const cpus = os.cpus();
  const lines: string[] = [
    '# Benchmark results',
    '',
    'Written by `npm run bench`; every baseline was measured in the same run, in alternating rounds with the figure beside it.',
    '',
    `- machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`,
    `- load average when the run started: ${startLoad.map((n) => n.toFixed(2)).join(', ')} (throughput figures are only comparable on a quiet machine; CPU per operation much less so)`,
    `- date: ${new Date().toISOString()}`,
    `- commit: ${commit(root)}`,
    '',
    '| bench | figure | baselines | ratio | target | |',
    '|---|---|---|---|---|---|',
  ];
  const { rpc, next, gateway, webhooks, calls } = results;
  if (rpc) {
    const ratio = rpc.project.throughput / rpc.bare.throughput;
    lines.push(`| RPC echo, 64 in flight | ${f0(rpc.project.throughput)}/s, p99 ${f2(rpc.project.p99Ms)} ms | bare amqplib ${f0(rpc.bare.throughput)}/s, p99 ${f2(rpc.bare.p99Ms)} ms | ${f2(ratio)} | ≥ 0.80 | ${verdict(ratio >= 0.8)} |`);
  }
  if (next) {
    lines.push(
      `| flow-manager next, 64 in flight | ${f0(next.next.throughput)}/s, p99 ${f2(next.next.p99Ms)} ms | same work ${f0(next.sameWork.throughput)}/s; bare echo ${f0(next.bare.throughput)}/s | ${f2(next.sameWorkRatio)} of same work | ≥ 1.5 | ${verdict(next.sameWorkRatio >= 1.5)} |`,
    );
    const cpu = next.flowManagerCpuUs;
    const plain = next.sameWorkServerCpuUs;
    lines.push(
      `| flow-manager CPU per step (its process, /proc) | ${cpu === undefined ? 'not measured' : `${f0(cpu)} µs`} | ${plain === undefined ? '' : `same-work server's own process ${f0(plain)} µs`} | ${cpu !== undefined && plain !== undefined ? `${f2(cpu / plain)} of same work` : ''} | ≤ 90 µs | ${verdict(cpu !== undefined && cpu <= 90)} |`,
    );
  }
  if (gateway) {
    const ratio = gateway.gateway.throughput / gateway.sameWork.throughput;
    lines.push(
      `| gateway GET callflow, 64 connections | ${f0(gateway.gateway.throughput)}/s, p99 ${f2(gateway.gateway.p99Ms)} ms | same work ${f0(gateway.sameWork.throughput)}/s; bare node:http ${f0(gateway.bare.throughput)}/s | ${f2(ratio)} of same work | ≥ 0.6 | ${verdict(ratio >= 0.6)} |`,
    );
  }
  if (webhooks) {
    lines.push(
      `| webhooks end to end | ${f0(webhooks.service)}/s | same work ${f0(webhooks.sameWork)}/s; bare HTTP ${f0(webhooks.bare)}/s; delivery engine ${f0(webhooks.engine)}/s | ${f2(webhooks.sameWorkRatio)} of same work | ≥ 0.7 | ${verdict(webhooks.sameWorkRatio >= 0.7)} |`,
    );
  }
  if (calls) {
    lines.push(`| calls through the platform | ${f0(calls.callsPerSecond)} calls/s | bare esl application ${f0(calls.baselineCallsPerSecond)} calls/s | ${f2(calls.ratio)} | ≥ 200 calls/s | ${verdict(calls.callsPerSecond >= 200)} |`);
    const light = calls.light;
    const latencyVerdict = calls.nextP99Ms <= 100 ? 'met' : light.nextP99Ms <= 100 ? `**not met** at saturation; met at ${light.concurrency} in flight` : '**not met**';
    lines.push(
      `| next action p99 during calls | ${calls.nextP99Ms.toFixed(1)} ms (p50 ${calls.nextP50Ms.toFixed(1)} ms) at ${calls.concurrency} in flight; ${light.nextP99Ms.toFixed(1)} ms (p50 ${light.nextP50Ms.toFixed(1)} ms) at ${light.concurrency} in flight, ${f0(light.callsPerSecond)} calls/s | | | ≤ 100 ms | ${latencyVerdict} |`,
    );
    lines.push(
      `| calls held in a gather | ${calls.held} of ${calls.holdTarget} in ${calls.rampSeconds.toFixed(1)} s; ${(calls.bytesPerCall / 1024).toFixed(1)} KiB heap and ${calls.socketsPerCall.toFixed(2)} sockets per call | | | 10,000 | ${verdict(calls.held >= 10_000)} |`,
    );
  }
  lines.push('');
  if (next && (next.sameWorkRatio < 1.5 || next.flowManagerCpuUs === undefined || next.flowManagerCpuUs > 90)) {
    lines.push('## CPU per next step, by process (targets not met)', '', `- next: ${next.cpuBreakdown}`, `- flow-manager's own, by part (shares from a profiled round): ${next.flowManagerParts}`, '');
  }
  if (calls && (calls.callsPerSecond < 200 || calls.nextP99Ms > 100)) {
    lines.push(
      '## CPU per call through the platform, by process (targets not met)',
      '',
      `- calls: ${calls.cpuBreakdown} (node: esl-sim's thread, call-manager and flow-manager in one process)`,
      `- the main thread (call-manager and flow-manager), by part (shares from a profiled round): ${calls.mainThreadParts}`,
      '',
    );
  }
  const skipped = (['rpc', 'next', 'gateway', 'webhooks', 'calls'] as const).filter((part) => results[part] === undefined);
  if (skipped.length > 0) lines.push(`Not run this time (-only): ${skipped.join(', ')}.`, '');
  writeFileSync(path, lines.join('\n'));
}
