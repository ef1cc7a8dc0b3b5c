import type { EventPublisher } from '@voxmesh/mesh';
import type { FlowManagerEventType } from '../contract.js';
import type { BackgroundWork } from './background.js';
import type { ActiveflowState, FlowRecord } from './model.js';
import { summarize, toWireFlow } from './projection.js';

/**
 * The service's events. Publishing does not hold up the reply: the publish is started
 * in order (under the activeflow's lock, so the events of one activeflow leave in the
 * order of its steps) and confirmed in the background.
 */
export class FlowEvents {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly background: BackgroundWork,
  ) {}

  flow(type: 'flow_created' | 'flow_updated' | 'flow_deleted', flow: FlowRecord): void {
    this.publish(type, toWireFlow(flow));
  }

  activeflow(type: 'activeflow_created' | 'activeflow_updated' | 'activeflow_deleted', state: ActiveflowState): void {
    this.publish(type, summarize(state));
  }

  private publish(type: FlowManagerEventType, data: unknown): void {
    this.background.add(`publish ${type}`, this.publisher.publish(type, data));
  }
}
