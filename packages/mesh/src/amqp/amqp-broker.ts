import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import type { Broker, Consumer, Delivery, DeliveryHandler, MessageProperties, QueueOptions, QueueStats } from '../broker.js';
import { delayLevel } from '../delay-levels.js';
import { PendingReplies } from '../pending.js';
import { ChannelAcks } from './channel-acks.js';
import { coalesceWrites } from './coalesce-writes.js';
import { DELAY_LEVEL_HEADER, DelayQueues } from './delay-queues.js';
import { confirmPublish, describe, settle, toDelivery } from './messages.js';
import { applyStep, type QueueType, type TopologyStep } from './topology.js';

const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';

export interface AmqpBrokerOptions {
  /** The broker, or the nodes of a cluster: a lost connection is taken up again on the next one in turn. */
  url: string | readonly string[];
  /** `quorum` declares every durable queue (and the delay queues) as a quorum queue. */
  queueType?: QueueType;
  /** The headers exchange that feeds the delay queues (`-rabbit_exchange_delay`). */
  delayExchange: string;
  logger: Logger;
  /** How long a publish waits for a lost connection to come back before it fails. */
  publishWaitMs?: number;
  /** Reconnect backoff bounds. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  connectionName?: string;
}

interface ConsumerRecord {
  queue: string;
  handler: DeliveryHandler;
  prefetch: number;
  channel?: Channel;
  tag?: string;
  inFlight: number;
  cancelled: boolean;
  idle: (() => void)[];
}

interface Live {
  connection: ChannelModel;
  plain: Channel;
  confirm: ConfirmChannel;
  reply: Channel;
  topology: Channel;
}

/**
 * RabbitMQ through amqplib, with the connection kept alive: after the broker goes away
 * it reconnects with capped exponential backoff, replays the declared topology, restarts
 * every consumer, and fails the requests that were waiting (they would never get a
 * reply on the old connection's reply-to).
 */
export class AmqpBroker implements Broker {
  readonly kind = 'amqp' as const;
  private live: Live | undefined;
  private readonly topology = new Map<string, TopologyStep>();
  private readonly consumers = new Set<ConsumerRecord>();
  private readonly pending = new PendingReplies();
  private readonly delayQueues: DelayQueues;
  private readyWaiters: (() => void)[] = [];
  private closing = false;
  private connecting: Promise<void> | undefined;
  private readonly urls: readonly string[];
  private readonly queueType: QueueType;
  /** The address of the last connection, or of the next attempt. */
  private nextUrl = 0;

  constructor(private readonly options: AmqpBrokerOptions) {
    this.urls = typeof options.url === 'string' ? [options.url] : options.url;
    if (this.urls.length === 0) throw new Error('AmqpBroker needs at least one broker URL');
    this.queueType = options.queueType ?? 'classic';
    this.delayQueues = new DelayQueues(options.delayExchange, this.queueType);
  }

  /** Connects, retrying until the broker answers; resolves once the first connection is up. */
  async start(): Promise<void> {
    await this.ensureConnecting();
  }

  isReady(): boolean {
    return this.live !== undefined;
  }

  private ensureConnecting(): Promise<void> {
    if (!this.connecting) {
      this.connecting = this.connectLoop().finally(() => {
        this.connecting = undefined;
      });
    }
    return this.connecting;
  }

  private async connectLoop(): Promise<void> {
    const min = this.options.minBackoffMs ?? 100;
    const max = this.options.maxBackoffMs ?? 3000;
    const several = this.urls.length > 1;
    for (let attempt = 0; !this.closing; attempt++) {
      const url = this.urls[this.nextUrl % this.urls.length]!;
      const node = several ? { node: hostOf(url) } : {};
      try {
        await this.establish(url);
        if (attempt > 0) this.options.logger.info({ attempt, ...node }, 'reconnected to the broker');
        return;
      } catch (error) {
        this.nextUrl = (this.nextUrl + 1) % this.urls.length;
        // Every node is tried once at once; the backoff grows per round of the whole list.
        const round = Math.floor(attempt / this.urls.length);
        const wait = several && (attempt + 1) % this.urls.length !== 0 ? 0 : Math.min(max, min * 2 ** Math.min(round, 10)) * (0.5 + Math.random() / 2);
        this.options.logger.warn({ err: describe(error), attempt, ...node, retry_in_ms: Math.round(wait) }, 'broker connection failed');
        if (wait > 0) await sleep(wait);
      }
    }
  }

  private async establish(url: string): Promise<void> {
    const socketOptions = {
      noDelay: true,
      timeout: 5000,
      clientProperties: { connection_name: this.options.connectionName ?? 'voxmesh' },
    };
    const connection = await amqp.connect(url, socketOptions);
    if (!coalesceWrites(connection)) this.options.logger.warn('amqplib keeps its socket elsewhere now: frames go out one write each, correct but slower');
    try {
      connection.on('error', (error: unknown) => this.options.logger.warn({ err: describe(error) }, 'broker connection error'));
      const [plain, confirm, reply, topology] = await Promise.all([
        connection.createChannel(),
        connection.createConfirmChannel(),
        connection.createChannel(),
        connection.createChannel(),
      ]);
      for (const channel of [plain, confirm, reply, topology]) {
        channel.on('error', () => undefined);
        // A shared channel the server closed (a refused publish or declaration) would fail
        // every later use; starting over on a fresh connection recovers all of them.
        channel.on('close', () => {
          if (this.live?.connection === connection && !this.closing) void connection.close().catch(() => undefined);
        });
      }
      await reply.consume(DIRECT_REPLY_TO, (message) => this.onReply(message), { noAck: true });
      // A request to a queue that does not exist comes back as a return: fail it now
      // instead of letting the caller wait for its deadline.
      reply.on('return', (message: ConsumeMessage) => {
        const id = message.properties.correlationId as string | undefined;
        if (id) this.pending.fail(id, VoipError.unavailable(`no queue ${message.fields.routingKey} to take the request`, 'NO_ROUTE'));
      });
      for (const step of this.topology.values()) await applyStep(topology, step, this.queueType);
      this.live = { connection, plain, confirm, reply, topology };
      this.delayQueues.forget();
      for (const consumer of this.consumers) await this.startConsumer(consumer);
      connection.on('close', () => this.onConnectionLost(connection));
    } catch (error) {
      this.live = undefined;
      await connection.close().catch(() => undefined);
      throw error;
    }
    for (const waiter of this.readyWaiters.splice(0)) waiter();
  }

  private onConnectionLost(connection: ChannelModel): void {
    if (this.live?.connection !== connection) return;
    this.live = undefined;
    for (const consumer of this.consumers) {
      consumer.channel = undefined;
      consumer.tag = undefined;
    }
    this.pending.failAll(VoipError.unavailable('connection to the broker was lost before the reply came', 'CONNECTION_LOST'));
    if (this.closing) return;
    // The node that went away is likely still away: start with the next one.
    this.nextUrl = (this.nextUrl + 1) % this.urls.length;
    this.options.logger.warn('broker connection lost; reconnecting');
    void this.ensureConnecting();
  }

  private onReply(message: ConsumeMessage | null): void {
    if (message) this.pending.settle(toDelivery(message));
  }

  /** Waits until connected, at most `publishWaitMs`, then fails with UNAVAILABLE. */
  private async ready(): Promise<Live> {
    if (this.live) return this.live;
    if (this.closing) throw VoipError.unavailable('broker connection is closed', 'CLOSED');
    const waitMs = this.options.publishWaitMs ?? 5000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((each) => each !== done);
        reject(VoipError.unavailable(`broker not reachable within ${waitMs} ms`, 'BROKER_DOWN'));
      }, waitMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.readyWaiters.push(done);
    });
    return this.ready();
  }

  private async remember(key: string, step: TopologyStep): Promise<void> {
    this.topology.set(key, step);
    const live = this.live;
    if (!live) return;
    try {
      await applyStep(live.topology, step, this.queueType);
    } catch (error) {
      this.topology.delete(key);
      throw VoipError.internal(`declaring ${key} failed: ${describe(error)}`, error);
    }
  }

  declareQueue(name: string, options: QueueOptions = {}): Promise<void> {
    if (options.exclusive) return this.remember(`queue:${name}`, { kind: 'queue', name, exclusive: true });
    return this.remember(`queue:${name}`, options.singleActiveConsumer ? { kind: 'queue', name, singleActiveConsumer: true } : { kind: 'queue', name });
  }

  declareFanout(name: string): Promise<void> {
    return this.remember(`fanout:${name}`, { kind: 'fanout', name });
  }

  bindQueue(queue: string, exchange: string): Promise<void> {
    return this.remember(`bind:${queue}:${exchange}`, { kind: 'bind', queue, exchange });
  }

  publish(exchange: string, body: Buffer, properties: MessageProperties): Promise<void> {
    const options = properties.persistent === undefined ? { ...properties, persistent: true } : properties;
    // Connected is the usual case: publish at once rather than after a turn through `ready`.
    const live = this.live;
    if (live) return confirmPublish(live.confirm, exchange, '', body, options);
    return this.ready().then((ready) => confirmPublish(ready.confirm, exchange, '', body, options));
  }

  async send(queue: string, body: Buffer, properties: MessageProperties): Promise<void> {
    const live = await this.ready();
    if (properties.persistent) {
      await confirmPublish(live.confirm, '', queue, body, properties);
      return;
    }
    live.plain.sendToQueue(queue, body, properties as Options.Publish);
  }

  async sendDelayed(queue: string, body: Buffer, properties: MessageProperties, delayMs: number): Promise<void> {
    if (delayMs <= 0) return this.send(queue, body, { ...properties, persistent: true });
    const level = delayLevel(delayMs);
    const live = await this.ready();
    await this.delayQueues.assert(live.topology, level);
    const headers = { ...properties.headers, [DELAY_LEVEL_HEADER]: String(level) };
    await confirmPublish(live.confirm, this.options.delayExchange, queue, body, { ...properties, headers, persistent: true });
  }

  async consume(queue: string, handler: DeliveryHandler, options: { prefetch: number }): Promise<Consumer> {
    const record: ConsumerRecord = { queue, handler, prefetch: options.prefetch, inFlight: 0, cancelled: false, idle: [] };
    this.consumers.add(record);
    if (this.live) await this.startConsumer(record);
    return { cancel: () => this.cancelConsumer(record) };
  }

  private async startConsumer(record: ConsumerRecord): Promise<void> {
    const live = this.live;
    if (!live || record.cancelled) return;
    const channel = await live.connection.createChannel();
    channel.on('error', (error: unknown) => this.options.logger.warn({ err: describe(error), queue: record.queue }, 'consumer channel error'));
    // The server may close a consumer's channel alone (its queue deleted, a bad ack);
    // while the connection lives, take the consumer up again on a fresh channel.
    channel.on('close', () => {
      if (record.channel !== channel || record.cancelled || this.closing || this.live?.connection !== live.connection) return;
      record.channel = undefined;
      record.tag = undefined;
      setTimeout(() => {
        void this.startConsumer(record).catch((error: unknown) =>
          this.options.logger.error({ err: describe(error), queue: record.queue }, 'consumer could not be restarted'),
        );
      }, 500);
    });
    await channel.prefetch(record.prefetch);
    const declared = this.topology.get(`queue:${record.queue}`);
    if (declared) await applyStep(channel, declared, this.queueType);
    record.channel = channel;
    const acks = new ChannelAcks(channel);
    const { consumerTag } = await channel.consume(record.queue, (message) => {
      if (!message) {
        // The server cancelled us (the queue was deleted): start over, which re-declares it.
        this.options.logger.warn({ queue: record.queue }, 'consumer cancelled by the broker; restarting it');
        void channel.close().catch(() => undefined);
        return;
      }
      record.inFlight++;
      acks.received(message);
      const delivery = toDelivery(message);
      const replyTo = delivery.properties.replyTo;
      if (replyTo) delivery.reply = (body, properties) => void channel.sendToQueue(replyTo, body, properties as Options.Publish);
      record
        .handler(delivery)
        .then(
          () => acks.ack(message),
          (error: unknown) => {
            this.options.logger.error({ err: describe(error), queue: record.queue }, 'message handler failed; message dropped');
            settle(() => acks.reject(message));
          },
        )
        .finally(() => {
          record.inFlight--;
          if (record.inFlight === 0) for (const resolve of record.idle.splice(0)) resolve();
        });
    });
    record.tag = consumerTag;
  }

  private async cancelConsumer(record: ConsumerRecord): Promise<void> {
    record.cancelled = true;
    this.consumers.delete(record);
    const { channel, tag } = record;
    if (channel && tag) await channel.cancel(tag).catch(() => undefined);
    if (record.inFlight > 0) await new Promise<void>((resolve) => record.idle.push(resolve));
    if (channel) await channel.close().catch(() => undefined);
  }

  async request(queue: string, body: Buffer, properties: MessageProperties, timeoutMs: number): Promise<Delivery> {
    const live = this.live;
    if (!live) throw VoipError.unavailable('broker not connected', 'BROKER_DOWN');
    const correlationId = properties.correlationId ?? randomUUID();
    const reply = this.pending.wait(correlationId, timeoutMs, queue);
    live.reply.sendToQueue(queue, body, { ...properties, correlationId, replyTo: DIRECT_REPLY_TO, mandatory: true } as Options.Publish);
    return reply;
  }

  /**
   * Asks on a channel of its own: RabbitMQ closes the channel that checks a missing
   * queue, and none that carries messages may go with it.
   */
  async queueStats(queue: string): Promise<QueueStats | undefined> {
    const live = this.live;
    if (!live) return undefined;
    let channel: Channel | undefined;
    try {
      channel = await live.connection.createChannel();
      channel.on('error', () => undefined);
      const ok = await channel.checkQueue(queue);
      return { messages: ok.messageCount, consumers: ok.consumerCount };
    } catch {
      return undefined;
    } finally {
      await channel?.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.consumers].map((record) => this.cancelConsumer(record)));
    const live = this.live;
    this.live = undefined;
    this.pending.failAll(VoipError.unavailable('broker connection closed', 'CLOSED'));
    if (live) await live.connection.close().catch(() => undefined);
  }
}

/** host:port of a broker URL, for logs (never its credentials). */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparsable)';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
