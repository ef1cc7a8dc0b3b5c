import type { Broker, Consumer } from '@voxmesh/mesh';
import { parseJson } from '@voxmesh/wire';

/**
 * The wake-up messages of the outbox: `{"id": <delivery id>}` on a durable queue that
 * every replica consumes. A message only says "look at this delivery"; the outbox row
 * is the truth, so a lost message costs time (the sweeper re-sends it), never an event,
 * and a duplicate costs one read.
 */
export class DeliveryQueue {
  constructor(
    private readonly broker: Broker,
    readonly name: string,
  ) {}

  async declare(): Promise<void> {
    await this.broker.declareQueue(this.name);
  }

  /**
   * Wake-ups are sent transient and unconfirmed: the outbox row they point at is already
   * committed, and the sweeper re-sends any that a broker restart drops, so paying for a
   * disk write and a confirm per wake-up would buy nothing.
   */
  async kick(ids: readonly string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.broker.send(this.name, body(id), { contentType: 'application/json' })));
  }

  async later(id: string, delayMs: number): Promise<void> {
    await this.broker.sendDelayed(this.name, body(id), { persistent: true, contentType: 'application/json' }, Math.max(0, Math.round(delayMs)));
  }

  async consume(handle: (id: string) => Promise<void>, prefetch: number): Promise<Consumer> {
    return this.broker.consume(
      this.name,
      async (delivery) => {
        let id: unknown;
        try {
          id = (parseJson(delivery.body) as { id?: unknown }).id;
        } catch {
          return; // not ours to read; nothing to retry
        }
        if (typeof id === 'string' && id !== '') await handle(id);
      },
      { prefetch },
    );
  }
}

function body(id: string): Buffer {
  return Buffer.from(JSON.stringify({ id }));
}
