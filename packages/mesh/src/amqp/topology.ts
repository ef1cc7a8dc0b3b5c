import type { Channel } from 'amqplib';

/** A declaration the broker remembers, to replay on every new connection. */
export type TopologyStep =
  | { kind: 'queue'; name: string; exclusive?: boolean; singleActiveConsumer?: boolean }
  | { kind: 'fanout'; name: string }
  | { kind: 'bind'; queue: string; exchange: string };

/** `-rabbit_queue_type`: how durable queues are declared. */
export type QueueType = 'classic' | 'quorum';

/**
 * The arguments that make a durable queue of `type`. Quorum queues are replicated on a
 * cluster's nodes and always durable; they cannot be exclusive, so a connection's own
 * queues stay classic whatever the type.
 */
export function queueTypeArguments(type: QueueType): Record<string, unknown> {
  return type === 'quorum' ? { 'x-queue-type': 'quorum' } : {};
}

export async function applyStep(channel: Channel, step: TopologyStep, queueType: QueueType = 'classic'): Promise<void> {
  switch (step.kind) {
    case 'queue': {
      // An exclusive queue dies with its connection; after a reconnect it is made afresh.
      if (step.exclusive) {
        await channel.assertQueue(step.name, { durable: false, exclusive: true, autoDelete: true });
        return;
      }
      const args = { ...queueTypeArguments(queueType), ...(step.singleActiveConsumer ? { 'x-single-active-consumer': true } : {}) };
      await channel.assertQueue(step.name, Object.keys(args).length > 0 ? { durable: true, arguments: args } : { durable: true });
      return;
    }
    case 'fanout':
      await channel.assertExchange(step.name, 'fanout', { durable: true });
      return;
    case 'bind':
      await channel.bindQueue(step.queue, step.exchange, '');
      return;
  }
}
