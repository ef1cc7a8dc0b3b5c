import type { Action, ActiveflowError, CallflowNode, Featurecode, WireAction } from '../contract.js';

/** A flow as the service keeps it; the wire's `Flow` with typed actions. */
export interface FlowRecord {
  id: string;
  account_id: string;
  type: 'flow' | 'callflow';
  name: string;
  detail: string;
  persist: boolean;
  webhook_uri: string;
  on_complete_flow_id: string;
  actions: Action[];
  numbers: string[];
  patterns: string[];
  flow?: CallflowNode;
  featurecode?: Featurecode;
  tm_create: string;
  tm_update: string | null;
  tm_delete: string | null;
}

export interface Stack {
  id: string;
  actions: Action[];
  return_stack_id: string;
  return_action_id: string;
}

export type ActiveflowStatus = 'running' | 'ended';

/**
 * Everything an activeflow is. MySQL holds it (the filterable fields as columns, the rest
 * as one JSON document) and Redis holds a copy; `version` counts the writes, and every
 * write names the version it read, so no two writers can both advance the same step.
 */
export interface ActiveflowState {
  id: string;
  account_id: string;
  flow_id: string;
  status: ActiveflowStatus;
  end_reason: string;
  reference_type: string;
  reference_id: string;
  reference_activeflow_id: string;
  on_complete_flow_id: string;
  webhook_uri: string;
  stack_map: Record<string, Stack>;
  current_stack_id: string;
  current_action: WireAction;
  forward_stack_id: string;
  forward_action_id: string;
  execute_count: number;
  complete_count: number;
  variables: Record<string, string>;
  errors: ActiveflowError[];
  version: number;
  tm_create: string;
  tm_update: string | null;
  tm_end: string | null;
  tm_delete: string | null;
}

/** The most problems an activeflow remembers; older ones are dropped. */
export const MAX_RECORDED_ERRORS = 10;

export function now(): string {
  return new Date().toISOString();
}
