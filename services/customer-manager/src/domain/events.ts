import type { customerManager } from '@voxmesh/contracts';
import type { Logger } from '@voxmesh/telemetry';

type EventType = customerManager.CustomerManagerEventType;
type EventData<T extends EventType> = customerManager.CustomerManagerEventData<T>;

export interface EventSink {
  publish(type: string, data: unknown): Promise<void>;
}

/**
 * Publishes after the change is committed. A publish the broker refuses is logged, not
 * thrown: the change stands, and answering it as failed would make the caller retry a
 * create that succeeded.
 */
export class DomainEvents {
  constructor(
    private readonly sink: EventSink,
    private readonly logger: Logger,
  ) {}

  async emit<T extends EventType>(type: T, data: EventData<T>): Promise<void> {
    try {
      await this.sink.publish(type, data);
    } catch (error) {
      this.logger.error({ err: error, type }, 'event could not be published');
    }
  }
}
