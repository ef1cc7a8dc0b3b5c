import amqp from 'amqplib';
import { afterAll, describe, expect, it } from '@jest/globals';
import { InProcessBroker, type Broker } from '../src/index.js';
import { openAmqpBrokers, rabbitUrl } from './amqp-broker.js';
import { eventually, uniqueNamespace } from './fixtures.js';

/** A queue declared with `singleActiveConsumer` feeds one consumer at a time; the next takes over when it goes. */
function suite(label: string, open: () => Promise<{ brokers: Broker[]; queue: string; close(): Promise<void> }>) {
  describe(`${label}: single active consumer`, () => {
    let close: (() => Promise<void>) | undefined;
    afterAll(async () => close?.());

    it('delivers to the first consumer only, then to the second once the first is cancelled', async () => {
      const opened = await open();
      close = opened.close;
      const [first, second] = opened.brokers as [Broker, Broker];
      await first.declareQueue(opened.queue, { singleActiveConsumer: true });
      await second.declareQueue(opened.queue, { singleActiveConsumer: true });
      const seen: string[] = [];
      const a = await first.consume(opened.queue, async (delivery) => void seen.push(`a:${delivery.body.toString()}`), { prefetch: 4 });
      await second.consume(opened.queue, async (delivery) => void seen.push(`b:${delivery.body.toString()}`), { prefetch: 4 });
      for (const n of [1, 2, 3]) await first.send(opened.queue, Buffer.from(String(n)), {});
      await eventually(() => seen.length === 3);
      expect(seen).toEqual(['a:1', 'a:2', 'a:3']);
      await a.cancel();
      for (const n of [4, 5]) await first.send(opened.queue, Buffer.from(String(n)), {});
      await eventually(() => seen.length === 5);
      expect(seen.slice(3)).toEqual(['b:4', 'b:5']);
    });
  });
}

suite('in-process', async () => {
  const broker = new InProcessBroker();
  return { brokers: [broker, broker], queue: 'sac.queue', close: () => broker.close() };
});

suite('RabbitMQ', async () => {
  const namespace = uniqueNamespace();
  const queue = `${namespace}.sac`;
  const { brokers, close } = await openAmqpBrokers(2, namespace);
  return {
    brokers,
    queue,
    close: async () => {
      await close();
      const connection = await amqp.connect(rabbitUrl);
      const channel = await connection.createChannel();
      await channel.deleteQueue(queue);
      await connection.close();
    },
  };
});
