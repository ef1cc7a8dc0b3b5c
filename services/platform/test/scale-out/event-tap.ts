import amqp from 'amqplib';

/** One event a service published, as the broker carried it. */
export interface TappedEvent {
  type: string;
  data: Record<string, unknown>;
}

/**
 * A queue of the test's own bound to a service's event exchange: what the service
 * really published, read from the broker, kept across a broker restart (the queue is
 * durable and the tap connects again), so a test can say which events had to reach
 * a webhook.
 */
export class EventTap {
  readonly events: TappedEvent[] = [];
  private connection: amqp.ChannelModel | undefined;
  private closing = false;

  constructor(
    private readonly url: string,
    private readonly exchange: string,
    private readonly queue: string,
  ) {}

  async start(): Promise<this> {
    await this.connect();
    return this;
  }

  private async connect(): Promise<void> {
    const connection = await amqp.connect(this.url);
    this.connection = connection;
    connection.on('error', () => undefined);
    connection.on('close', () => {
      if (!this.closing) void this.reconnect();
    });
    const channel = await connection.createChannel();
    // The exchange is the service's: checked, never declared with other arguments.
    await channel.checkExchange(this.exchange);
    await channel.assertQueue(this.queue, { durable: true });
    await channel.bindQueue(this.queue, this.exchange, '');
    await channel.consume(
      this.queue,
      (message) => {
        if (!message) return;
        const envelope = JSON.parse(message.content.toString()) as { type?: string; data?: Record<string, unknown> };
        this.events.push({ type: String(envelope.type ?? ''), data: envelope.data ?? {} });
      },
      { noAck: true },
    );
  }

  private async reconnect(): Promise<void> {
    while (!this.closing) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      try {
        await this.connect();
        return;
      } catch {
        // the broker is still away
      }
    }
  }

  of(type: string): TappedEvent[] {
    return this.events.filter((event) => event.type === type);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.connection?.close().catch(() => undefined);
  }
}
