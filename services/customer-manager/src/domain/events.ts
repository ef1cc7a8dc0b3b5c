import type { customerManager } from '@voxmesh/contracts';
import type { OutboxWriter } from '@voxmesh/store';
import type { EventInputOf, EventTypeOf } from '@voxmesh/wire';

type Catalog = customerManager.CustomerManagerEvents;

/**
 * The service's events, written to the outbox on the executor of the change they
 * describe: in its transaction they commit with it or not at all, and the outbox relay
 * publishes them once committed (see `Database.transaction`). Only the types the
 * catalog declares, with data that fits, compile.
 */
export class DomainEvents {
  constructor(private readonly outbox: OutboxWriter<Catalog>) {}

  async record<T extends EventTypeOf<Catalog>>(type: T, data: EventInputOf<Catalog, T>): Promise<void> {
    await this.outbox.add(type, data);
  }
}
