import { z } from 'zod';
import { activeflowSummarySchema } from './activeflow.js';
import { flowSchema } from './flow.js';

/**
 * The events flow-manager publishes on `<namespace>.flow-manager.event`. Flow events
 * carry the flow; activeflow events carry the summary (no stacks), so an
 * `activeflow_updated` per step stays small however long the flow runs.
 */
export const flowManagerEvents = {
  flow_created: flowSchema,
  flow_updated: flowSchema,
  flow_deleted: flowSchema,
  activeflow_created: activeflowSummarySchema,
  activeflow_updated: activeflowSummarySchema,
  activeflow_deleted: activeflowSummarySchema,
} as const;

export type FlowManagerEventType = keyof typeof flowManagerEvents;
export type FlowManagerEventData<T extends FlowManagerEventType> = z.output<(typeof flowManagerEvents)[T]>;
