import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { deleteQueuesAndExchanges, freePort, privateRabbitAvailable, startPrivateRabbit, type PrivateRabbit } from '@voxmesh/testkit';
import { VoipError } from '@voxmesh/wire';
import { AmqpBroker, EventPublisher, EventSubscriber, MeshMetrics, MeshNames } from '../src/index.js';
import { rabbitUrl } from './amqp-broker.js';
import { eventually, sleep, startHarness, uniqueNamespace } from './fixtures.js';

/**
 * What a RabbitMQ cluster asks of the services, on a node of the test's own: quorum
 * queues for everything durable (RPC, delayed delivery, retries, dead letters) and a
 * list of nodes tried in turn when the one in use goes away.
 */
const describeWithRabbit = privateRabbitAvailable() ? describe : describe.skip;

/** `name type` rows of `rabbitmqctl list_queues`, as a map. */
async function queueTypes(rabbit: PrivateRabbit): Promise<Map<string, string>> {
  const listing = await rabbit.ctl(['list_queues', 'name', 'type']);
  return new Map(
    listing
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/) as [string, string])
      .filter((row) => row.length === 2),
  );
}

describeWithRabbit('on a RabbitMQ node of its own', () => {
  let rabbit: PrivateRabbit;
  const opened: AmqpBroker[] = [];

  const open = async (url: string | string[], namespace: string, queueType: 'classic' | 'quorum', publishWaitMs?: number) => {
    const broker = new AmqpBroker({
      url,
      queueType,
      delayExchange: new MeshNames(namespace).delayExchange,
      logger: silentLogger(),
      minBackoffMs: 50,
      maxBackoffMs: 300,
      ...(publishWaitMs === undefined ? {} : { publishWaitMs }),
    });
    await broker.start();
    opened.push(broker);
    return broker;
  };

  beforeAll(async () => {
    rabbit = await startPrivateRabbit({ name: 'cluster' });
  }, 120_000);

  afterAll(async () => {
    for (const broker of opened) await broker.close();
    await rabbit?.stop();
  }, 60_000);

  describe('-rabbit_queue_type quorum', () => {
    const namespace = uniqueNamespace();
    const names = new MeshNames(namespace);
    let server: AmqpBroker;
    let client: AmqpBroker;

    beforeAll(async () => {
      server = await open(rabbit.url, namespace, 'quorum');
      client = await open(rabbit.url, namespace, 'quorum');
    });

    it('serves RPC from a quorum request queue', async () => {
      const harness = await startHarness(server, client, namespace);
      try {
        await expect(harness.client.call('echo', { body: { text: 'replicated' } })).resolves.toMatchObject({ text: 'replicated' });
        expect((await queueTypes(rabbit)).get(names.requestQueue('test-svc'))).toBe('quorum');
      } finally {
        await harness.stop();
      }
    });

    it('keeps a single active consumer on a quorum queue, the next taking over when it goes', async () => {
      const queue = `${namespace}.sac`;
      await server.declareQueue(queue, { singleActiveConsumer: true });
      await client.declareQueue(queue, { singleActiveConsumer: true });
      const seen: string[] = [];
      const first = await server.consume(queue, async (delivery) => void seen.push(`a:${delivery.body.toString()}`), { prefetch: 4 });
      const second = await client.consume(queue, async (delivery) => void seen.push(`b:${delivery.body.toString()}`), { prefetch: 4 });
      for (const n of [1, 2]) await server.send(queue, Buffer.from(String(n)), { persistent: true });
      await eventually(() => seen.length === 2, 10_000);
      await first.cancel();
      await server.send(queue, Buffer.from('3'), { persistent: true });
      await eventually(() => seen.length === 3, 10_000);
      expect(seen).toEqual(['a:1', 'a:2', 'b:3']);
      await second.cancel();
      expect((await queueTypes(rabbit)).get(queue)).toBe('quorum');
    }, 30_000);

    it('delivers late through quorum delay queues that dead-letter at least once', async () => {
      const target = `${namespace}.delayed-target`;
      await client.declareQueue(target);
      const arrived: number[] = [];
      const consumer = await client.consume(target, async () => void arrived.push(Date.now()), { prefetch: 4 });
      const sentAt = Date.now();
      await server.sendDelayed(target, Buffer.from('{}'), { contentType: 'application/json' }, 400);
      await eventually(() => arrived.length === 1, 10_000);
      expect(arrived[0]! - sentAt).toBeGreaterThanOrEqual(350);
      await consumer.cancel();
      const types = await queueTypes(rabbit);
      const delayQueues = [...types.entries()].filter(([name]) => name.startsWith(names.delayExchange));
      expect(delayQueues.length).toBeGreaterThan(0);
      for (const [, type] of delayQueues) expect(type).toBe('quorum');
      expect(types.get(target)).toBe('quorum');
      const args = await rabbit.ctl(['list_queues', 'name', 'arguments']);
      expect(args).toMatch(/x-dead-letter-strategy[^\n]*at-least-once/);
    }, 30_000);

    it('retries a failed event later and parks one that can never be handled, all in quorum queues', async () => {
      const metrics = new MeshMetrics(createRegistry({ defaultMetrics: false }));
      const exchange = names.eventExchange('pub-svc');
      let failures = 0;
      const handled: string[] = [];
      const subscriber = new EventSubscriber({
        broker: client,
        service: 'sub-a',
        queue: names.subscribeQueue('sub-a'),
        deadLetterQueue: names.deadLetterQueue('sub-a'),
        sources: [exchange],
        retryDelaysMs: [200],
        handlers: {
          flaky: async () => {
            if (failures++ === 0) throw VoipError.unavailable('not yet');
            handled.push('flaky');
          },
          broken: async () => {
            throw VoipError.invalidArgument('never readable', 'data');
          },
        },
        metrics,
        logger: silentLogger(),
      });
      await subscriber.start();
      const publisher = new EventPublisher({ broker: server, exchange, publisher: 'pub-svc', metrics });
      await publisher.publish('flaky', {});
      await publisher.publish('broken', {});
      await eventually(() => handled.length === 1, 10_000);
      expect(failures).toBe(2);
      await eventually(async () => /\s1$/m.test((await rabbit.ctl(['list_queues', 'name', 'messages'])).split('\n').find((line) => line.startsWith(names.deadLetterQueue('sub-a'))) ?? ''), 10_000);
      const types = await queueTypes(rabbit);
      expect(types.get(names.subscribeQueue('sub-a'))).toBe('quorum');
      expect(types.get(names.deadLetterQueue('sub-a'))).toBe('quorum');
      await subscriber.stop();
    }, 30_000);
  });

  describe('-rabbit_addr with several nodes', () => {
    it('passes over a node that does not answer', async () => {
      const namespace = uniqueNamespace();
      const nobody = `amqp://guest:guest@127.0.0.1:${await freePort()}`;
      const broker = await open([nobody, rabbit.url], namespace, 'classic');
      const harness = await startHarness(broker, broker, namespace);
      try {
        await expect(harness.client.call('echo', { body: { text: 'second node' } })).resolves.toMatchObject({ text: 'second node' });
      } finally {
        await harness.stop();
      }
    });

    it('moves to the next node when the one in use goes away, and serves there', async () => {
      const namespace = uniqueNamespace();
      const names = new MeshNames(namespace);
      const [first, second] = [rabbit.url, rabbitUrl];
      const server = await open([first, second], namespace, 'classic');
      const client = await open([first, second], namespace, 'classic');
      const harness = await startHarness(server, client, namespace);
      try {
        await expect(harness.client.call('echo', { body: { text: 'on the first' } })).resolves.toMatchObject({ text: 'on the first' });
        await rabbit.stopApp();
        // Both move on to the shared node, re-declare the request queue there and answer.
        const answer = await eventually(
          () => harness.client.call('echo', { body: { text: 'on the second' } }, { timeoutMs: 1000 }).catch(() => undefined),
          15_000,
          200,
        );
        expect(answer).toMatchObject({ text: 'on the second' });
      } finally {
        await harness.stop();
        await rabbit.startApp();
        await deleteQueuesAndExchanges(rabbitUrl, [names.requestQueue('test-svc')], []);
      }
    }, 60_000);
  });

  describe('-rabbit_publish_wait_ms', () => {
    it('holds a publish made while the broker is away and sends it once the broker is back', async () => {
      const namespace = uniqueNamespace();
      const names = new MeshNames(namespace);
      const broker = await open(rabbit.url, namespace, 'classic', 30_000);
      const exchange = names.eventExchange('pub-svc');
      const queue = names.subscribeQueue('sub-a');
      await broker.declareFanout(exchange);
      await broker.declareQueue(queue);
      await broker.bindQueue(queue, exchange);
      await rabbit.stopApp();
      let settled = false;
      const published = broker.publish(exchange, Buffer.from('held'), {}).finally(() => (settled = true));
      try {
        await sleep(2500);
        expect(settled).toBe(false);
      } finally {
        await rabbit.startApp();
      }
      await published;
      const received: string[] = [];
      const consumer = await broker.consume(queue, async (delivery) => void received.push(delivery.body.toString()), { prefetch: 1 });
      await eventually(() => received.length === 1, 10_000);
      expect(received).toEqual(['held']);
      await consumer.cancel();
    }, 60_000);

    it('fails a publish with BROKER_DOWN once the wait is over', async () => {
      const namespace = uniqueNamespace();
      const broker = await open(rabbit.url, namespace, 'classic', 500);
      await broker.declareFanout(new MeshNames(namespace).eventExchange('pub-svc'));
      await rabbit.stopApp();
      try {
        await expect(broker.publish(new MeshNames(namespace).eventExchange('pub-svc'), Buffer.from('late'), {})).rejects.toMatchObject({ reason: 'BROKER_DOWN' });
      } finally {
        await rabbit.startApp();
      }
    }, 60_000);
  });
});
