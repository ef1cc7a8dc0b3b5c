import { randomUUID } from 'node:crypto';
import { VoipError } from '@voxmesh/wire';
import type { Broker, Consumer, Delivery, DeliveryHandler, MessageProperties, QueueOptions, QueueStats } from '../broker.js';
import { delayLevel } from '../delay-levels.js';
import { PendingReplies } from '../pending.js';

const REPLY_ADDRESS = 'inproc.reply-to';

interface Queued {
  delivery: Delivery;
  /** When the message stops being worth delivering (from `expiration`), epoch ms. */
  expiresAt: number | undefined;
}

interface InConsumer {
  handler: DeliveryHandler;
  prefetch: number;
  inFlight: number;
  cancelled: boolean;
  idle: (() => void)[];
}

class InQueue {
  constructor(
    readonly exclusive: boolean,
    /** Only the oldest consumer receives, as RabbitMQ's single active consumer. */
    readonly singleActive = false,
  ) {}
  readonly messages: Queued[] = [];
  readonly consumers: InConsumer[] = [];
  private turn = 0;

  /** Hands messages to consumers with room, round-robin, as a broker with prefetch does. */
  dispatch(onError: (error: unknown) => void): void {
    while (this.messages.length > 0) {
      const candidates = this.singleActive ? this.consumers.filter((consumer) => !consumer.cancelled).slice(0, 1) : this.consumers;
      const ready = candidates.filter((consumer) => !consumer.cancelled && consumer.inFlight < consumer.prefetch);
      if (ready.length === 0) return;
      const consumer = ready[this.turn++ % ready.length]!;
      const next = this.messages.shift()!;
      if (next.expiresAt !== undefined && Date.now() > next.expiresAt) continue;
      consumer.inFlight++;
      // Delivered on a later tick, as from a socket, so no handler runs inside a sender's call.
      setImmediate(() => {
        consumer
          .handler(next.delivery)
          .catch(onError)
          .finally(() => {
            consumer.inFlight--;
            if (consumer.inFlight === 0) for (const resolve of consumer.idle.splice(0)) resolve();
            this.dispatch(onError);
          });
      });
    }
  }
}

/**
 * The in-process bus behind the embedded default and the fast unit tests: durable
 * queues, fanout exchanges, prefetch, expiration, reply-to and delayed delivery with the
 * same semantics as AmqpBroker, and nothing on the wire.
 */
export class InProcessBroker implements Broker {
  readonly kind = 'inproc' as const;
  private readonly queues = new Map<string, InQueue>();
  private readonly exchanges = new Map<string, Set<string>>();
  private readonly pending = new PendingReplies();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly onHandlerError: (error: unknown) => void = () => undefined) {}

  isReady(): boolean {
    return !this.closed;
  }

  async queueStats(queue: string): Promise<QueueStats | undefined> {
    const target = this.queues.get(queue);
    if (!target || this.closed) return undefined;
    return { messages: target.messages.length, consumers: target.consumers.filter((consumer) => !consumer.cancelled).length };
  }

  private assertOpen(): void {
    if (this.closed) throw VoipError.unavailable('in-process broker is closed', 'CLOSED');
  }

  async declareQueue(name: string, options: QueueOptions = {}): Promise<void> {
    this.assertOpen();
    if (!this.queues.has(name)) this.queues.set(name, new InQueue(options.exclusive === true, options.singleActiveConsumer === true));
  }

  async declareFanout(name: string): Promise<void> {
    this.assertOpen();
    if (!this.exchanges.has(name)) this.exchanges.set(name, new Set());
  }

  async bindQueue(queue: string, exchange: string): Promise<void> {
    this.assertOpen();
    const bound = this.exchanges.get(exchange);
    if (!bound) throw VoipError.notFound(`no exchange ${exchange}`);
    if (!this.queues.has(queue)) throw VoipError.notFound(`no queue ${queue}`);
    bound.add(queue);
  }

  async publish(exchange: string, body: Buffer, properties: MessageProperties): Promise<void> {
    this.assertOpen();
    const bound = this.exchanges.get(exchange);
    // AMQP closes the channel on a publish to a missing exchange; here the caller hears of it.
    if (!bound) throw VoipError.unavailable(`no exchange ${exchange}`, 'NO_EXCHANGE');
    for (const queue of bound) this.enqueue(queue, body, properties);
  }

  async send(queue: string, body: Buffer, properties: MessageProperties): Promise<void> {
    this.assertOpen();
    if (queue === REPLY_ADDRESS) {
      this.pending.settle({ body, properties, redelivered: false });
      return;
    }
    this.enqueue(queue, body, properties);
  }

  async sendDelayed(queue: string, body: Buffer, properties: MessageProperties, delayMs: number): Promise<void> {
    this.assertOpen();
    if (delayMs <= 0) return this.send(queue, body, properties);
    const level = delayLevel(delayMs);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) this.enqueue(queue, body, properties);
    }, level);
    this.timers.add(timer);
  }

  private enqueue(queue: string, body: Buffer, properties: MessageProperties): void {
    const target = this.queues.get(queue);
    if (!target) return; // unroutable: dropped, as AMQP's default exchange does
    const ttl = properties.expiration !== undefined ? Number(properties.expiration) : undefined;
    target.messages.push({
      delivery: { body, properties, redelivered: false },
      expiresAt: ttl !== undefined && Number.isFinite(ttl) ? Date.now() + ttl : undefined,
    });
    target.dispatch(this.onHandlerError);
  }

  async consume(queue: string, handler: DeliveryHandler, options: { prefetch: number }): Promise<Consumer> {
    this.assertOpen();
    const target = this.queues.get(queue);
    if (!target) throw VoipError.notFound(`no queue ${queue}`);
    const consumer: InConsumer = { handler, prefetch: Math.max(1, options.prefetch), inFlight: 0, cancelled: false, idle: [] };
    target.consumers.push(consumer);
    target.dispatch(this.onHandlerError);
    return {
      cancel: async () => {
        consumer.cancelled = true;
        const at = target.consumers.indexOf(consumer);
        if (at >= 0) target.consumers.splice(at, 1);
        // As AMQP's auto-delete: an exclusive queue goes with its last consumer, unbound everywhere.
        if (target.exclusive && target.consumers.length === 0) this.deleteQueue(queue, target);
        if (consumer.inFlight > 0) await new Promise<void>((resolve) => consumer.idle.push(resolve));
      },
    };
  }

  async request(queue: string, body: Buffer, properties: MessageProperties, timeoutMs: number): Promise<Delivery> {
    this.assertOpen();
    if (!this.queues.has(queue)) throw VoipError.unavailable(`no queue ${queue} to take the request`, 'NO_ROUTE');
    const correlationId = properties.correlationId ?? randomUUID();
    const reply = this.pending.wait(correlationId, timeoutMs, queue);
    this.enqueue(queue, body, { ...properties, correlationId, replyTo: REPLY_ADDRESS });
    return reply;
  }

  private deleteQueue(name: string, target: InQueue): void {
    if (this.queues.get(name) !== target) return;
    this.queues.delete(name);
    for (const bound of this.exchanges.values()) bound.delete(name);
  }

  /** Messages waiting in a queue; tests use it to see what was parked. */
  depth(queue: string): number {
    return this.queues.get(queue)?.messages.length ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending.failAll(VoipError.unavailable('in-process broker closed', 'CLOSED'));
  }
}
