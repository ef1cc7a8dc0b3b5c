import type { Channel } from 'amqplib';

/** A declaration the broker remembers, to replay on every new connection. */
export type TopologyStep =
  | { kind: 'queue'; name: string; exclusive?: boolean; singleActiveConsumer?: boolean }
  | { kind: 'fanout'; name: string }
  | { kind: 'bind'; queue: string; exchange: string };

export async function applyStep(channel: Channel, step: TopologyStep): Promise<void> {
  switch (step.kind) {
    case 'queue':
      // An exclusive queue dies with its connection; after a reconnect it is made afresh.
      if (step.exclusive) await channel.assertQueue(step.name, { durable: false, exclusive: true, autoDelete: true });
      else if (step.singleActiveConsumer) await channel.assertQueue(step.name, { durable: true, arguments: { 'x-single-active-consumer': true } });
      else await channel.assertQueue(step.name, { durable: true });
      return;
    case 'fanout':
      await channel.assertExchange(step.name, 'fanout', { durable: true });
      return;
    case 'bind':
      await channel.bindQueue(step.queue, step.exchange, '');
      return;
  }
}
