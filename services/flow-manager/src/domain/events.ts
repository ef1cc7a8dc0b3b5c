import type { EventPublisher } from '@voxmesh/mesh';
import type { FlowManagerEventType } from '../contract.js';
import type { RecordedEvent } from '../db/flow-repository.js';
import type { BackgroundWork } from './background.js';
import type { ActiveflowState, FlowRecord } from './model.js';
import { summarize, toWireFlow } from './projection.js';

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
    private readonly publisher: EventPublisher,
    private readonly background: BackgroundWork,
    private readonly outbox: OutboxFlush,
  ) {}

  /** The event to record with a flow change. */
  flow(type: 'flow_created' | 'flow_updated' | 'flow_deleted', flow: FlowRecord): RecordedEvent {
    return { type, data: toWireFlow(flow) };
  }

  /** A flow change committed: what it recorded goes out now. */
  flowsCommitted(): void {
    this.background.add('publish flow events', this.outbox.flush());
  }

  activeflow(type: 'activeflow_created' | 'activeflow_updated' | 'activeflow_deleted', state: ActiveflowState): void {
    this.publish(type, summarize(state));
  }

  private publish(type: FlowManagerEventType, data: unknown): void {
    this.background.add(`publish ${type}`, this.publisher.publish(type, data));
  }
}
