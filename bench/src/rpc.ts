import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import type { ConsumeMessage } from 'amqplib';
import { z } from 'zod';
import { AmqpBroker, BreakerRegistry, MeshMetrics, RpcClient, RpcServer } from '@voxmesh/mesh';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { defineContract } from '@voxmesh/wire';
import { CpuMeter, CpuTally, type MeasureWindow } from './cpu.js';

/**
 * RPC round trips: a bare amqplib echo (noDelay, direct reply-to) against the
 * project's RpcServer and RpcClient on the same broker, at the same concurrency, in the
 * same run. Only the ratios mean anything; absolute figures depend on the machine.
 */
export interface RpcBenchOptions {
  url: string;
  durationMs: number;
  concurrencies: number[];
  /** Alternating rounds per side; durationMs is shared among them. */
  rounds?: number;
  log: (line: string) => void;
}

export interface RpcFigures {
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  count: number;
}

export type Call = () => Promise<void>;

export async function drive(call: Call, concurrency: number, durationMs: number, window?: MeasureWindow): Promise<RpcFigures> {
  // Warm-up: connections, JIT and broker queues settle before measuring.
  const warmUntil = Date.now() + Math.min(200, durationMs / 4);
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < warmUntil) await call();
  }));
  const latencies: number[] = [];
  window?.begin();
  const started = performance.now();
  const stopAt = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < stopAt) {
        const t0 = performance.now();
        await call();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  window?.end();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { throughput: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), count: latencies.length };
}

/** The baseline: amqplib alone, echoing the body back through direct reply-to. */
export async function bareEcho(url: string, queue: string, prefetch: number) {
  const serverConn = await amqp.connect(url, { noDelay: true });
  const serverCh = await serverConn.createChannel();
  await serverCh.assertQueue(queue, { durable: false, autoDelete: true });
  await serverCh.prefetch(prefetch);
  await serverCh.consume(queue, (message) => {
    if (!message) return;
    serverCh.sendToQueue(message.properties.replyTo as string, message.content, { correlationId: message.properties.correlationId });
    serverCh.ack(message);
  });
  const clientConn = await amqp.connect(url, { noDelay: true });
  const clientCh = await clientConn.createChannel();
  const waiting = new Map<string, () => void>();
  await clientCh.consume(
    'amq.rabbitmq.reply-to',
    (message: ConsumeMessage | null) => {
      const id = message?.properties.correlationId as string | undefined;
      if (id) {
        waiting.get(id)?.();
        waiting.delete(id);
      }
    },
    { noAck: true },
  );
  const payload = Buffer.from(JSON.stringify({ uri: '/v1/echo', method: 'POST', data_type: 'application/json', data: { text: 'hello' } }));
  const call: Call = () =>
    new Promise<void>((resolve) => {
      const correlationId = randomUUID();
      waiting.set(correlationId, resolve);
      clientCh.sendToQueue(queue, payload, { correlationId, replyTo: 'amq.rabbitmq.reply-to' });
    });
  return {
    call,
    close: async () => {
      await clientConn.close();
      await serverConn.close();
    },
  };
}

const echoContract = defineContract('bench-echo', {
  echo: { method: 'POST', path: '/v1/echo', body: z.object({ text: z.string() }), reply: z.object({ text: z.string() }) },
});

/** The project's stack: route table, zod validation both ways, metrics, breaker. */
async function projectEcho(url: string, queue: string, prefetch: number) {
  const logger = silentLogger();
  const registry = createRegistry({ defaultMetrics: false });
  const metrics = new MeshMetrics(registry);
  const serverBroker = new AmqpBroker({ url, delayExchange: `${queue}.delay`, logger });
  const clientBroker = new AmqpBroker({ url, delayExchange: `${queue}.delay`, logger });
  await serverBroker.start();
  await clientBroker.start();
  const server = new RpcServer({
    contract: echoContract,
    handlers: { echo: async ({ body }) => ({ text: body.text }) },
    broker: serverBroker,
    queue,
    metrics,
    logger,
    concurrency: prefetch,
  });
  await server.start();
  const client = new RpcClient({ contract: echoContract, broker: clientBroker, queue, publisher: 'bench', metrics, breakers: new BreakerRegistry() });
  const call: Call = async () => {
    await client.call('echo', { body: { text: 'hello' } });
  };
  return {
    call,
    close: async () => {
      await server.stop();
      await clientBroker.close();
      await serverBroker.close();
      // The server declared a durable queue; the bench leaves nothing behind.
      const connection = await amqp.connect(url);
      const channel = await connection.createChannel();
      await channel.deleteQueue(queue);
      await connection.close();
    },
  };
}

/**
 * Both stacks stay open and take turns in short rounds, so that whatever else the
 * machine does at a moment weighs on both alike; each side reports its median round.
 */
export async function runRpcBench(options: RpcBenchOptions): Promise<{ concurrency: number; bare: RpcFigures; project: RpcFigures }[]> {
  const rounds = options.rounds ?? 5;
  const roundMs = Math.max(300, Math.round(options.durationMs / rounds));
  const results = [];
  for (const concurrency of options.concurrencies) {
    const prefetch = Math.max(concurrency, 1);
    const tag = randomUUID().slice(0, 8);
    const bare = await bareEcho(options.url, `bench.${tag}.bare`, prefetch);
    const project = await projectEcho(options.url, `bench.${tag}.project`, prefetch);
    const bareRounds: RpcFigures[] = [];
    const projectRounds: RpcFigures[] = [];
    const cpu = new CpuTally(CpuMeter.open());
    for (let round = 0; round < rounds; round++) {
      bareRounds.push(await cpu.measure('bare', (window) => drive(bare.call, concurrency, roundMs, window)));
      projectRounds.push(await cpu.measure('voxmesh', (window) => drive(project.call, concurrency, roundMs, window)));
    }
    await bare.close();
    await project.close();
    const bareFigures = median(bareRounds);
    const projectFigures = median(projectRounds);
    results.push({ concurrency, bare: bareFigures, project: projectFigures });
    const f = (n: number) => n.toFixed(2);
    options.log(
      `rpc in flight=${String(concurrency).padStart(2)}  ` +
        `bare ${Math.round(bareFigures.throughput)}/s p50 ${f(bareFigures.p50Ms)} ms p99 ${f(bareFigures.p99Ms)} ms  |  ` +
        `voxmesh ${Math.round(projectFigures.throughput)}/s p50 ${f(projectFigures.p50Ms)} ms p99 ${f(projectFigures.p99Ms)} ms  |  ` +
        `throughput ratio ${f(projectFigures.throughput / bareFigures.throughput)}  p99 ratio ${f(projectFigures.p99Ms / bareFigures.p99Ms)}`,
    );
    options.log(`rpc in flight=${String(concurrency).padStart(2)}  CPU per call: bare ${cpu.describe('bare')}  |  voxmesh ${cpu.describe('voxmesh')}`);
  }
  return results;
}

/** The round with the median throughput, with its own latencies. */
export function median(rounds: RpcFigures[]): RpcFigures {
  const sorted = [...rounds].sort((a, b) => a.throughput - b.throughput);
  return sorted[Math.floor(sorted.length / 2)]!;
}
