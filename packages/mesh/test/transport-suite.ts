import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { VoipError, readResponse, type EventEnvelope } from '@voxmesh/wire';
import { BreakerRegistry, DEADLINE_HEADER, EventPublisher, EventSubscriber, MeshMetrics, RpcClient, type Broker, type Delivery } from '../src/index.js';
import { eventually, sleep, startHarness, testContract, uniqueNamespace, type Harness } from './fixtures.js';

/**
 * Opens `count` brokers on one bus: separate connections on RabbitMQ, the same bus
 * in-process. `close` releases them all.
 */
export type OpenBrokers = (count: number, namespace: string) => Promise<{ brokers: Broker[]; close(): Promise<void> }>;

/** The RPC, event and delay behaviour every transport must show, run against each. */
export function transportSuite(label: string, openBrokers: OpenBrokers): void {
  describe(`${label}: RPC, events and delayed delivery`, () => {
    const namespace = uniqueNamespace();
    let brokers: Broker[];
    let close: () => Promise<void>;
    let harness: Harness;

    beforeAll(async () => {
      ({ brokers, close } = await openBrokers(4, namespace));
      harness = await startHarness(brokers[0]!, brokers[1]!, namespace);
    });

    afterAll(async () => {
      await harness?.stop();
      await close?.();
    });

    /** Sends raw bytes as a request, the way a foreign client would, and reads the reply. */
    async function rawRequest(body: string | Buffer, headers?: Record<string, unknown>) {
      const delivery = await brokers[1]!.request(
        harness.names.requestQueue('test-svc'),
        Buffer.isBuffer(body) ? body : Buffer.from(body),
        { correlationId: randomUUID(), ...(headers ? { headers } : {}) },
        3000,
      );
      return { delivery, response: readResponse(delivery.body) };
    }

    it('round-trips a call derived from the route table, with publisher', async () => {
      await expect(harness.client.call('echo', { body: { text: 'hi' } })).resolves.toEqual({ text: 'hi', publisher: 'test-client' });
    });

    it('passes path params and query strings', async () => {
      await expect(harness.client.call('getItem', { params: { id: 'a b' }, query: { verbose: 'true' } })).resolves.toEqual({ id: 'a b', verbose: true });
      await expect(harness.client.call('deleteItem', { params: { id: 'x1' } })).resolves.toEqual({ deleted: 'x1' });
    });

    it('answers 404 for an unknown uri and 405 for a known uri with another method', async () => {
      const unknown = await rawRequest(JSON.stringify({ uri: '/v1/nothing/here', method: 'GET' }));
      expect(unknown.response.status_code).toBe(404);
      const wrongMethod = await rawRequest(JSON.stringify({ uri: '/v1/items/1', method: 'PUT' }));
      expect(wrongMethod.response.status_code).toBe(405);
      expect(JSON.stringify(wrongMethod.response.data)).toContain('GET');
    });

    it('answers 400 naming the field for bad JSON, a missing uri and a body that fails its schema', async () => {
      const notJson = await rawRequest('{"uri": "/v1/echo", "method": ');
      expect(notJson.response.status_code).toBe(400);
      expect(notJson.response.data).toMatchObject({ error: { status: 'INVALID_ARGUMENT', field: 'body' } });
      const noUri = await rawRequest(JSON.stringify({ method: 'POST', data: {} }));
      expect(noUri.response.status_code).toBe(400);
      expect(noUri.response.data).toMatchObject({ error: { field: 'uri' } });
      const badBody = await rawRequest(JSON.stringify({ uri: '/v1/echo', method: 'POST', data: { text: 42 } }));
      expect(badBody.response.status_code).toBe(400);
      expect(badBody.response.data).toMatchObject({ error: { status: 'INVALID_ARGUMENT', field: 'data.text' } });
      await expect(harness.client.call('echo', { body: { text: 'still here' } })).resolves.toMatchObject({ text: 'still here' });
    });

    it('reads envelopes tolerantly: lower-case method, string data, no data_type', async () => {
      const reply = await rawRequest(JSON.stringify({ uri: '/v1/echo', method: 'post', data: JSON.stringify({ text: 'loose' }) }));
      expect(reply.response).toEqual({ status_code: 200, data_type: 'application/json', data: { text: 'loose' } });
    });

    it('answers 500 (not 400) when a handler fails unexpectedly, and keeps serving', async () => {
      await expect(harness.client.call('boom', {})).rejects.toMatchObject({ status: 'INTERNAL', statusCode: 500 });
      await expect(harness.client.call('missing', { params: { id: '7' } })).rejects.toMatchObject({ status: 'NOT_FOUND', statusCode: 404 });
      await expect(harness.client.call('echo', { body: { text: 'alive' } })).resolves.toMatchObject({ text: 'alive' });
    });

    it('replies with the request correlationId', async () => {
      const correlationId = randomUUID();
      const delivery = await brokers[1]!.request(
        harness.names.requestQueue('test-svc'),
        Buffer.from(JSON.stringify({ uri: '/v1/echo', method: 'POST', data: { text: 'c' } })),
        { correlationId },
        3000,
      );
      expect(delivery.properties.correlationId).toBe(correlationId);
    });

    it('gives the caller a 504-class error when the deadline passes', async () => {
      const error = await harness.client.call('slow', { body: { ms: 400 } }, { timeoutMs: 100 }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(VoipError);
      expect(error).toMatchObject({ status: 'DEADLINE_EXCEEDED', statusCode: 504 });
    });

    it('does not work on a request whose deadline passed while it waited', async () => {
      await sleep(450); // let the previous test's slow call finish
      const before = harness.probe.calls.echo ?? 0;
      const expired = Date.now() - 10;
      const reply = brokers[1]!
        .request(
          harness.names.requestQueue('test-svc'),
          Buffer.from(JSON.stringify({ uri: '/v1/echo', method: 'POST', data: { text: 'late' } })),
          { correlationId: randomUUID(), headers: { [DEADLINE_HEADER]: expired } },
          300,
        )
        .catch((thrown: unknown) => thrown);
      await expect(reply).resolves.toMatchObject({ status: 'DEADLINE_EXCEEDED' });
      expect(harness.probe.calls.echo ?? 0).toBe(before);
    });

    it('drops a request that expired while queued behind others, unworked', async () => {
      const single = await startHarness(brokers[0]!, brokers[1]!, namespace, 1, 'test-one');
      try {
        const busy = single.client.call('slow', { body: { ms: 400 } });
        await sleep(50);
        const late = await single.client.call('slow', { body: { ms: 1 } }, { timeoutMs: 100 }).catch((thrown: unknown) => thrown);
        expect(late).toMatchObject({ status: 'DEADLINE_EXCEEDED' });
        await busy;
        await sleep(100);
        expect(single.probe.calls.slow).toBe(1);
      } finally {
        await single.stop();
      }
    });

    it('works on requests concurrently, up to its prefetch', async () => {
      harness.probe.maxActive = 0;
      await Promise.all(Array.from({ length: 6 }, () => harness.client.call('slow', { body: { ms: 100 } })));
      expect(harness.probe.maxActive).toBeGreaterThan(1);
    });

    it('finishes the request in hand before a stopping server lets go', async () => {
      const draining = await startHarness(brokers[0]!, brokers[1]!, namespace, 4, 'test-drain');
      const inHand = draining.client.call('slow', { body: { ms: 300 } });
      await sleep(100);
      await draining.stop();
      await expect(inHand).resolves.toEqual({ waited: 300 });
    });

    it('opens the circuit to a queue nobody serves after repeated failures', async () => {
      const client = new RpcClient({
        contract: testContract,
        broker: brokers[1]!,
        queue: `${namespace}.nobody.request`,
        publisher: 'test-client',
        metrics: harness.metrics,
        breakers: new BreakerRegistry({ failureThreshold: 3, openMs: 60_000 }),
      });
      for (let i = 0; i < 3; i++) {
        await expect(client.call('echo', { body: { text: 'x' } }, { timeoutMs: 100 })).rejects.toMatchObject({ statusCode: expect.any(Number) });
      }
      await expect(client.call('echo', { body: { text: 'x' } })).rejects.toMatchObject({ status: 'UNAVAILABLE', reason: 'CIRCUIT_OPEN' });
    });

    it('delivers an event to every subscribing service', async () => {
      const registry = createRegistry({ defaultMetrics: false });
      const metrics = new MeshMetrics(registry);
      const logger = silentLogger();
      const publisher = new EventPublisher({ broker: brokers[0]!, exchange: harness.names.eventExchange('pub-svc'), publisher: 'pub-svc', metrics });
      const seen: Record<string, EventEnvelope[]> = { a: [], b: [] };
      const subscribers = (['a', 'b'] as const).map(
        (who, index) =>
          new EventSubscriber({
            broker: brokers[2 + index]!,
            service: `sub-${who}`,
            queue: harness.names.subscribeQueue(`sub-${who}`),
            deadLetterQueue: harness.names.deadLetterQueue(`sub-${who}`),
            sources: [harness.names.eventExchange('pub-svc')],
            handlers: { activeflow_updated: async (event) => void seen[who]!.push(event) },
            metrics,
            logger,
          }),
      );
      for (const subscriber of subscribers) await subscriber.start();
      await publisher.publish('activeflow_updated', { id: 'af-1', status: 'running' });
      await eventually(() => seen.a!.length === 1 && seen.b!.length === 1);
      expect(seen.a![0]).toEqual({ type: 'activeflow_updated', publisher: 'pub-svc', data_type: 'application/json', data: { id: 'af-1', status: 'running' } });
      // Each subscriber measured how long the event waited: under the second it is stamped in, plus one.
      const text = await registry.metrics();
      for (const who of ['a', 'b']) {
        expect(text).toContain(`events_consumed_lag_seconds_count{service="sub-${who}"} 1`);
        expect(text).toContain(`events_consumed_lag_seconds_bucket{service="sub-${who}",le="2"} 1`);
      }
      for (const subscriber of subscribers) await subscriber.stop();
    });

    it('retries a failing event through delayed delivery, then parks it in the dead-letter queue', async () => {
      const metrics = new MeshMetrics(createRegistry({ defaultMetrics: false }));
      const logger = silentLogger();
      const exchange = harness.names.eventExchange('flaky-pub');
      const publisher = new EventPublisher({ broker: brokers[0]!, exchange, publisher: 'flaky-pub', metrics });
      const attempts: Record<string, number> = {};
      const subscriber = new EventSubscriber({
        broker: brokers[2]!,
        service: 'flaky-sub',
        queue: harness.names.subscribeQueue('flaky-sub'),
        deadLetterQueue: harness.names.deadLetterQueue('flaky-sub'),
        sources: [exchange],
        handlers: {
          '*': async (event) => {
            const id = String((event.data as { id: string }).id);
            attempts[id] = (attempts[id] ?? 0) + 1;
            if (id === 'never' || attempts[id]! < 3) throw new Error(`failing ${id}`);
          },
        },
        metrics,
        logger,
        retryDelaysMs: [50, 100],
      });
      await subscriber.start();
      await publisher.publish('call_updated', { id: 'twice' });
      await publisher.publish('call_updated', { id: 'never' });
      await eventually(() => attempts.twice === 3 && attempts.never === 3);
      const parked: Delivery[] = [];
      const consumer = await brokers[3]!.consume(harness.names.deadLetterQueue('flaky-sub'), async (delivery) => void parked.push(delivery), { prefetch: 1 });
      await eventually(() => parked.length === 1);
      expect(JSON.parse(parked[0]!.body.toString())).toMatchObject({ type: 'call_updated', data: { id: 'never' } });
      expect(String(parked[0]!.properties.headers?.['x-last-error'])).toContain('failing never');
      await sleep(200);
      expect(attempts).toEqual({ twice: 3, never: 3 });
      await consumer.cancel();
      await subscriber.stop();
    });

    it('delivers a delayed message to a queue within 10% + 50 ms', async () => {
      const queue = `${namespace}.delayed-target`;
      await brokers[0]!.declareQueue(queue);
      const arrivals = new Map<string, number>();
      const consumer = await brokers[0]!.consume(queue, async (delivery) => void arrivals.set(delivery.body.toString(), Date.now()), { prefetch: 10 });
      const sentAt = new Map<string, number>();
      const delays = [0, 150, 400, 1300];
      for (const delay of delays) {
        sentAt.set(String(delay), Date.now());
        await brokers[1]!.sendDelayed(queue, Buffer.from(String(delay)), {}, delay);
      }
      await eventually(() => arrivals.size === delays.length, 5000);
      for (const delay of delays) {
        const took = arrivals.get(String(delay))! - sentAt.get(String(delay))!;
        expect(Math.abs(took - delay)).toBeLessThanOrEqual(delay * 0.1 + 50);
      }
      await consumer.cancel();
    });

    it('tells a queue\'s waiting messages and consumers, and nothing for a missing queue', async () => {
      const queue = `${namespace}.stats-target`;
      await brokers[0]!.declareQueue(queue);
      for (const n of [1, 2, 3]) await brokers[1]!.send(queue, Buffer.from(String(n)), {});
      await eventually(async () => (await brokers[2]!.queueStats(queue))?.messages === 3, 3000);
      expect(await brokers[2]!.queueStats(queue)).toEqual({ messages: 3, consumers: 0 });
      await expect(brokers[2]!.queueStats(`${namespace}.no-such-queue`)).resolves.toBeUndefined();
      const taken: string[] = [];
      const consumer = await brokers[0]!.consume(queue, async (delivery) => void taken.push(delivery.body.toString()), { prefetch: 10 });
      await eventually(() => taken.length === 3, 3000);
      await eventually(async () => (await brokers[2]!.queueStats(queue))?.messages === 0, 3000);
      expect(await brokers[2]!.queueStats(queue)).toEqual({ messages: 0, consumers: 1 });
      await consumer.cancel();
      // Asking for the missing queue left the broker able to carry messages.
      await expect(harness.client.call('echo', { body: { text: 'still here' } })).resolves.toEqual({ text: 'still here', publisher: 'test-client' });
    });
  });
}
