import type { customerManager } from '@voxmesh/contracts';
import type { OutboxWriter } from '@voxmesh/store';

type EventType = customerManager.CustomerManagerEventType;
type EventData<T extends EventType> = customerManager.CustomerManagerEventData<T>;

/**
 * The service's events, written to the outbox on the executor of the change they
 * describe: in its transaction they commit with it or not at all, and the outbox relay
 * publishes them once committed (see `Database.transaction`).
 */
export class DomainEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async record<T extends EventType>(type: T, data: EventData<T>): Promise<void> {
    await this.outbox.add(type, data);
  }
}
