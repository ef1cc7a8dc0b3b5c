import type { Channel, Message } from 'amqplib';

/**
 * A consumer channel's acknowledgements, sent once per tick instead of one frame per
 * message: the run of finished deliveries from the oldest one outstanding goes as a
 * single `multiple` ack, which the broker settles as a range; a finished delivery behind
 * one still running is acked on its own, so a slow message never holds back the rest
 * (nor the prefetch window they occupy).
 */
export class ChannelAcks {
  /** Delivery tags not yet acknowledged, oldest first (the broker numbers them in order). */
  private readonly outstanding: number[] = [];
  private readonly finished = new Set<number>();
  private scheduled = false;

  constructor(private readonly channel: Channel) {}

  received(message: Message): void {
    this.outstanding.push(message.fields.deliveryTag);
  }

  ack(message: Message): void {
    this.finished.add(message.fields.deliveryTag);
    if (this.scheduled) return;
    this.scheduled = true;
    process.nextTick(() => this.flush());
  }

  /** Rejected without requeueing, at once: rare, and it must not wait behind anything. */
  reject(message: Message): void {
    this.forget(message.fields.deliveryTag);
    this.channel.nack(message, false, false);
  }

  private flush(): void {
    this.scheduled = false;
    let upTo: number | undefined;
    while (this.outstanding.length > 0 && this.finished.has(this.outstanding[0]!)) {
      upTo = this.outstanding.shift()!;
      this.finished.delete(upTo);
    }
    try {
      if (upTo !== undefined) this.channel.ack(tagged(upTo), true);
      for (const tag of this.finished) {
        this.forget(tag);
        this.channel.ack(tagged(tag), false);
      }
    } catch {
      // The channel is gone; what it had not acknowledged goes back to the queue by itself.
    } finally {
      this.finished.clear();
    }
  }

  private forget(tag: number): void {
    const at = this.outstanding.indexOf(tag);
    if (at >= 0) this.outstanding.splice(at, 1);
  }
}

/** amqplib reads only the delivery tag of the message it is told to ack. */
function tagged(deliveryTag: number): Message {
  return { fields: { deliveryTag } } as unknown as Message;
}
