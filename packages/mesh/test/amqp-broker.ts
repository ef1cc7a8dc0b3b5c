import amqp from 'amqplib';
import { silentLogger } from '@voxmesh/telemetry';
import { AmqpBroker, MeshNames } from '../src/index.js';

/** The broker the integration tests use: the machine's RabbitMQ unless RABBIT_ADDR says otherwise. */
export const rabbitUrl = process.env.RABBIT_ADDR ?? 'amqp://guest:guest@127.0.0.1:5672';

export async function openAmqpBrokers(count: number, namespace: string) {
  const names = new MeshNames(namespace);
  const brokers = await Promise.all(
    Array.from({ length: count }, async () => {
      const broker = new AmqpBroker({ url: rabbitUrl, delayExchange: names.delayExchange, logger: silentLogger(), minBackoffMs: 50, maxBackoffMs: 500 });
      await broker.start();
      return broker;
    }),
  );
  return {
    brokers,
    close: async () => {
      for (const broker of brokers) await broker.close();
      await deleteNamespace(namespace);
    },
  };
}

/** Removes the durable queues and exchanges a test made, so runs leave the broker as they found it. */
export async function deleteNamespace(namespace: string): Promise<void> {
  const connection = await amqp.connect(rabbitUrl);
  try {
    const listing = await fetchNames(namespace);
    for (const queue of listing.queues) {
      const channel = await connection.createChannel();
      await channel.deleteQueue(queue).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
    for (const exchange of listing.exchanges) {
      const channel = await connection.createChannel();
      await channel.deleteExchange(exchange).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
  } finally {
    await connection.close();
  }
}

/** The queue and exchange names a test namespace uses (the fixtures' services). */
async function fetchNames(namespace: string) {
  const names = new MeshNames(namespace);
  const services = ['flow-manager', 'test-svc', 'test-one', 'test-drain', 'pub-svc', 'sub-a', 'sub-b', 'flaky-pub', 'flaky-sub', 'restart-svc'];
  return {
    queues: [
      ...services.flatMap((service) => [names.requestQueue(service), names.subscribeQueue(service), names.deadLetterQueue(service)]),
      `${namespace}.delayed-target`,
      `${namespace}.stats-target`,
    ],
    exchanges: [...services.map((service) => names.eventExchange(service)), names.delayExchange],
  };
}
