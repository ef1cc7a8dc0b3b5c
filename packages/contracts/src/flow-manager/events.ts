import { defineEvents, type EventDataOf, type EventTypeOf } from '@voxmesh/wire';
import { activeflowSummarySchema } from './activeflow.js';
import { flowSchema } from './flow.js';

/**
 * The events flow-manager publishes on `<namespace>.flow-manager.event`. Flow events
 * carry the flow and go through the outbox; activeflow events carry the summary (no
 * stacks), so an `activeflow_updated` per step stays small however long the flow runs.
 */
export const flowManagerEvents = defineEvents('flow-manager', {
  flow_created: { summary: 'A flow or Kazoo callflow was created.', data: flowSchema },
  flow_updated: { summary: 'A flow or callflow changed (its actions, numbers, patterns, webhook, ...).', data: flowSchema },
  flow_deleted: { summary: 'A flow or callflow was deleted; its document as it was.', data: flowSchema },
  activeflow_created: { summary: 'A flow started running for a call (or over the API).', data: activeflowSummarySchema },
  activeflow_updated: { summary: 'An activeflow stepped to its next action, or ended (`status` is `ended`, `end_reason` why).', data: activeflowSummarySchema },
  activeflow_deleted: { summary: 'An activeflow was deleted over the API; a call it ran is hung up.', data: activeflowSummarySchema },
});

export type FlowManagerEvents = typeof flowManagerEvents;
export type FlowManagerEventType = EventTypeOf<FlowManagerEvents>;
export type FlowManagerEventData<T extends FlowManagerEventType> = EventDataOf<FlowManagerEvents, T>;
