import type { Channel } from 'amqplib';
import { queueTypeArguments, type QueueType } from './topology.js';

// Headers exchanges ignore headers starting with "x-" when matching, so this one must not.
export const DELAY_LEVEL_HEADER = 'delay-level';
/** A delay queue outlives its last message by this much, so it is never deleted while it holds one. */
const DELAY_QUEUE_GRACE_MS = 10 * 60 * 1000;

/**
 * The delay queues behind the delay exchange (`-rabbit_exchange_delay`), asserted when a
 * level is first used and again before `x-expires` could remove it.
 */
export class DelayQueues {
  private readonly asserted = new Map<number, number>();

  constructor(
    private readonly exchange: string,
    private readonly queueType: QueueType = 'classic',
  ) {}

  /** A new connection may find levels gone; assert each again on first use. */
  forget(): void {
    this.asserted.clear();
  }

  /**
   * One durable queue per level, with that level's TTL, dead-lettering to the default
   * exchange: the message keeps its routing key (the target queue), so on expiry it
   * lands there. `x-expires` removes levels nobody uses; re-asserting before it runs
   * out keeps a level alive while messages pass through it.
   */
  /**
   * A quorum queue dead-letters at most once unless told otherwise: a delayed message
   * whose hand-over to its target failed would be gone. At least once keeps it until the
   * target queue confirms it, which RabbitMQ allows only with publishes refused (not old
   * messages dropped) when the queue is full.
   */
  private quorumDeadLettering(): Record<string, unknown> {
    if (this.queueType !== 'quorum') return {};
    return { ...queueTypeArguments('quorum'), 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish' };
  }

  async assert(channel: Channel, level: number): Promise<void> {
    const last = this.asserted.get(level);
    if (last !== undefined && Date.now() - last < DELAY_QUEUE_GRACE_MS / 2) return;
    const exchange = this.exchange;
    const queue = `${exchange}.${level}ms`;
    await channel.assertExchange(exchange, 'headers', { durable: true });
    await channel.assertQueue(queue, {
      durable: true,
      arguments: { 'x-message-ttl': level, 'x-dead-letter-exchange': '', 'x-expires': level + DELAY_QUEUE_GRACE_MS, ...this.quorumDeadLettering() },
    });
    await channel.bindQueue(queue, exchange, '', { 'x-match': 'all', [DELAY_LEVEL_HEADER]: String(level) });
    this.asserted.set(level, Date.now());
  }
}
