import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { VoipError, defineContract } from '@voxmesh/wire';
import { BreakerRegistry, MeshMetrics, MeshNames, RpcClient, RpcServer, type Broker, type RouteHandlers } from '../src/index.js';

/** A small service contract that exercises params, queries, bodies and every error path. */
export const testContract = defineContract('test-svc', {
  echo: {
    method: 'POST',
    path: '/v1/echo',
    body: z.object({ text: z.string(), count: z.number().int().optional() }),
    reply: z.object({ text: z.string(), publisher: z.string().optional() }),
  },
  getItem: {
    method: 'GET',
    path: '/v1/items/:id',
    query: z.object({ verbose: z.enum(['true', 'false']).optional() }),
    reply: z.object({ id: z.string(), verbose: z.boolean() }),
  },
  deleteItem: { method: 'DELETE', path: '/v1/items/:id', reply: z.object({ deleted: z.string() }) },
  missing: { method: 'GET', path: '/v1/missing/:id', reply: z.object({}) },
  boom: { method: 'POST', path: '/v1/boom', reply: z.object({}) },
  slow: { method: 'POST', path: '/v1/slow', body: z.object({ ms: z.number().int().min(0) }), reply: z.object({ waited: z.number() }) },
});

export interface Probe {
  /** Handler invocations per route name. */
  calls: Record<string, number>;
  active: number;
  maxActive: number;
}

export function testHandlers(probe: Probe): RouteHandlers<typeof testContract.routes> {
  const count = (name: string) => {
    probe.calls[name] = (probe.calls[name] ?? 0) + 1;
  };
  return {
    echo: async ({ body }, context) => {
      count('echo');
      return { text: body.text, publisher: context.publisher };
    },
    getItem: async ({ params, query }) => {
      count('getItem');
      return { id: params.id, verbose: query.verbose === 'true' };
    },
    deleteItem: async ({ params }) => {
      count('deleteItem');
      return { deleted: params.id };
    },
    missing: async ({ params }) => {
      count('missing');
      throw VoipError.notFound(`item ${params.id} does not exist`);
    },
    boom: async () => {
      count('boom');
      throw new Error('kaboom');
    },
    slow: async ({ body }) => {
      count('slow');
      probe.active++;
      probe.maxActive = Math.max(probe.maxActive, probe.active);
      await new Promise((resolve) => setTimeout(resolve, body.ms));
      probe.active--;
      return { waited: body.ms };
    },
  };
}

export function uniqueNamespace(): string {
  return `test-${randomUUID().slice(0, 8)}`;
}

export interface Harness {
  names: MeshNames;
  server: RpcServer<typeof testContract.routes>;
  client: RpcClient<typeof testContract.routes>;
  probe: Probe;
  metrics: MeshMetrics;
  stop(): Promise<void>;
}

export async function startHarness(serverBroker: Broker, clientBroker: Broker, namespace: string, concurrency = 8, service = 'test-svc'): Promise<Harness> {
  const names = new MeshNames(namespace);
  const metrics = new MeshMetrics(createRegistry({ defaultMetrics: false }));
  const probe: Probe = { calls: {}, active: 0, maxActive: 0 };
  const logger = silentLogger();
  const server = new RpcServer({
    contract: testContract,
    handlers: testHandlers(probe),
    broker: serverBroker,
    queue: names.requestQueue(service),
    metrics,
    logger,
    concurrency,
  });
  await server.start();
  const client = new RpcClient({
    contract: testContract,
    broker: clientBroker,
    queue: names.requestQueue(service),
    publisher: 'test-client',
    metrics,
    breakers: new BreakerRegistry(),
  });
  return { names, server, client, probe, metrics, stop: () => server.stop() };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with what `predicate` returns once truthy, polling; fails after `timeoutMs`. */
export async function eventually<T>(predicate: () => T | Promise<T>, timeoutMs = 5000, everyMs = 20): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > giveUpAt) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}
