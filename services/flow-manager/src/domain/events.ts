import type { flowManager } from '@voxmesh/contracts';
import type { EventPublisher } from '@voxmesh/mesh';
import type { EventInputOf, EventTypeOf } from '@voxmesh/wire';
import type { RecordedEvent } from '../db/flow-repository.js';
import type { BackgroundWork } from './background.js';
import type { ActiveflowState, FlowRecord } from './model.js';
import { summarize, toWireFlow } from './projection.js';

type Catalog = flowManager.FlowManagerEvents;
type FlowEventType = 'flow_created' | 'flow_updated' | 'flow_deleted';
type ActiveflowEventType = 'activeflow_created' | 'activeflow_updated' | 'activeflow_deleted';

/** Publishes what committed flow changes left in the outbox. */
export interface OutboxFlush {
  flush(): Promise<void>;
}

/**
 * The service's events. Flow events are recorded in the transaction of the change (see
 * `FlowRepository`) and published from the outbox once it commits, so a crash in between
 * delays them and loses none. Activeflow events, one per step, are published directly:
 * the activeflow's row is their record. Neither holds up the reply: the publish is
 * started in order (under the activeflow's lock, so one activeflow's events leave in the
 * order of its steps) and confirmed in the background.
 */
export class FlowEvents {
  constructor(
    private readonly publisher: EventPublisher<Catalog>,
    private readonly background: BackgroundWork,
    private readonly outbox: OutboxFlush,
  ) {}

  /** The event to record with a flow change. */
  flow(type: FlowEventType, flow: FlowRecord): RecordedEvent {
    // Typed here as the catalog says: the outbox row is published as it was recorded.
    const data: EventInputOf<Catalog, FlowEventType> = toWireFlow(flow);
    return { type, data };
  }

  /** A flow change committed: what it recorded goes out now. */
  flowsCommitted(): void {
    this.background.add('publish flow events', this.outbox.flush());
  }

  activeflow(type: ActiveflowEventType, state: ActiveflowState): void {
    this.publish(type, summarize(state));
  }

  private publish<K extends EventTypeOf<Catalog>>(type: K, data: EventInputOf<Catalog, K>): void {
    this.background.add(`publish ${type}`, this.publisher.publish(type, data));
  }
}
