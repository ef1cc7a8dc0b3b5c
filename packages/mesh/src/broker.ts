/**
 * The transport seam. RPC, events and delayed delivery are written once on top of this
 * interface; RabbitMQ (amqp/) and the in-process bus (inproc/) implement it with the
 * same semantics, so a test that passes on one passes on the other.
 */
export interface MessageProperties {
  correlationId?: string;
  replyTo?: string;
  /** Milliseconds, as AMQP carries it: the broker drops the message if not delivered in time. */
  expiration?: string;
  headers?: Record<string, unknown>;
  contentType?: string;
  persistent?: boolean;
  messageId?: string;
  timestamp?: number;
}

export interface Delivery {
  body: Buffer;
  properties: MessageProperties;
  redelivered: boolean;
  /**
   * Answers to the delivery's `replyTo` on the channel it came in on, so the reply and
   * the acknowledgement leave together; transports without channels send it as usual.
   */
  reply?: (body: Buffer, properties: MessageProperties) => void;
}

/**
 * Handles one delivery. The message is acknowledged when the returned promise settles;
 * a rejection is logged and the message is dropped (nack without requeue), because a
 * message that failed once in a handler that did not catch it would fail again.
 */
export type DeliveryHandler = (delivery: Delivery) => Promise<void>;

export interface Consumer {
  /** Stops taking new messages and resolves when the ones in hand are settled. */
  cancel(): Promise<void>;
}

export interface QueueOptions {
  /**
   * A queue of this connection only (a gateway replica's live-event feed): not durable,
   * deleted when the connection closes or its consumer is cancelled.
   */
  exclusive?: boolean;
  /**
   * One consumer at a time receives the queue's messages (RabbitMQ's single active
   * consumer); the others stand by and one takes over when it goes. For consumers that
   * must take messages in queue order across replicas.
   */
  singleActiveConsumer?: boolean;
}

/** What a queue holds now, as the broker tells it. */
export interface QueueStats {
  /** Messages ready for delivery (not those handed out and not yet acknowledged). */
  messages: number;
  consumers: number;
}

export interface Broker {
  readonly kind: 'amqp' | 'inproc';
  /** Declares a queue, durable unless `exclusive`. Declarations are remembered and replayed after a reconnect. */
  declareQueue(name: string, options?: QueueOptions): Promise<void>;
  declareFanout(exchange: string): Promise<void>;
  bindQueue(queue: string, exchange: string): Promise<void>;
  /** Publishes to a fanout exchange and resolves when the broker has accepted the message. */
  publish(exchange: string, body: Buffer, properties: MessageProperties): Promise<void>;
  /** Sends straight to a queue (AMQP's default exchange). A queue nobody declared drops it. */
  send(queue: string, body: Buffer, properties: MessageProperties): Promise<void>;
  /** Delivers to `queue` after `delayMs`, durably. */
  sendDelayed(queue: string, body: Buffer, properties: MessageProperties, delayMs: number): Promise<void>;
  consume(queue: string, handler: DeliveryHandler, options: { prefetch: number }): Promise<Consumer>;
  /**
   * Sends a request with a reply address and waits for the reply with the same
   * correlationId: DEADLINE_EXCEEDED after `timeoutMs`, UNAVAILABLE if the connection
   * drops first. Nothing waits forever.
   */
  request(queue: string, body: Buffer, properties: MessageProperties, timeoutMs: number): Promise<Delivery>;
  /** True while the broker can take messages. */
  isReady(): boolean;
  /** What `queue` holds now; undefined while the broker cannot say (not connected, no such queue). */
  queueStats(queue: string): Promise<QueueStats | undefined>;
  close(): Promise<void>;
}

/** The header carrying the absolute deadline (epoch ms) of a request. */
export const DEADLINE_HEADER = 'x-deadline';
/** How many times an event has been handed back for another try. */
export const RETRY_HEADER = 'x-retry-count';
