import { FINISH_ACTION_ID, MAIN_STACK_ID, type Activeflow, type ActiveflowSummary, type Flow, type SeedAction } from '../contract.js';
import type { ActiveflowState, FlowRecord } from './model.js';
import { positionAfter } from './stacks.js';

/** The wire shapes of the service's records. */
export function toWireFlow(flow: FlowRecord): Flow {
  const wire: Flow = {
    id: flow.id,
    account_id: flow.account_id,
    type: flow.type,
    name: flow.name,
    detail: flow.detail,
    persist: flow.persist,
    webhook_uri: flow.webhook_uri,
    on_complete_flow_id: flow.on_complete_flow_id,
    actions: flow.actions,
    numbers: flow.numbers,
    patterns: flow.patterns,
    tm_create: flow.tm_create,
    tm_update: flow.tm_update,
    tm_delete: flow.tm_delete,
  };
  if (flow.flow !== undefined) wire.flow = flow.flow;
  if (flow.featurecode !== undefined) wire.featurecode = flow.featurecode;
  return wire;
}

/**
 * An action in the seed's spelling. `next_action` is the action that runs after it:
 * its `next_id`, else the following one, else the finish id.
 */
export function toSeedAction(flow: FlowRecord, index: number): SeedAction {
  const action = flow.actions[index]!;
  const next = action.next_id ?? flow.actions[index + 1]?.id ?? FINISH_ACTION_ID;
  const seed: SeedAction = {
    id: action.id,
    flow_id: flow.id,
    action: action.type,
    next_action: next,
    data: action.option as Record<string, unknown>,
    type: action.type,
    option: action.option as Record<string, unknown>,
  };
  if (action.next_id !== undefined) seed.next_id = action.next_id;
  return seed;
}

/** What the events carry: no stacks and no variables, whatever the flow's size. */
export function summarize(state: Readonly<ActiveflowState>): ActiveflowSummary {
  return {
    id: state.id,
    account_id: state.account_id,
    flow_id: state.flow_id,
    status: state.status,
    end_reason: state.end_reason,
    reference_type: state.reference_type,
    reference_id: state.reference_id,
    call_id: state.reference_type === 'call' ? state.reference_id : '',
    reference_activeflow_id: state.reference_activeflow_id,
    on_complete_flow_id: state.on_complete_flow_id,
    webhook_uri: state.webhook_uri,
    current_stack_id: state.current_stack_id,
    current_action: { id: state.current_action.id, type: state.current_action.type, option: state.current_action.option, ...(state.current_action.next_id !== undefined ? { next_id: state.current_action.next_id } : {}) },
    forward_stack_id: state.forward_stack_id,
    forward_action_id: state.forward_action_id,
    execute_count: state.execute_count,
    complete_count: state.complete_count,
    errors: state.errors,
    tm_create: state.tm_create,
    tm_update: state.tm_update,
    tm_end: state.tm_end,
    tm_delete: state.tm_delete,
  };
}

export function toWireActiveflow(state: Readonly<ActiveflowState>): Activeflow {
  return { ...summarize(state), actions: state.stack_map[MAIN_STACK_ID]?.actions ?? [], stack_map: state.stack_map };
}

/** Whether anything is left to run after the current action (used to answer `next` at the end). */
export function hasMore(state: ActiveflowState): boolean {
  return positionAfter(state, state.current_stack_id, state.current_action.id) !== 'finish';
}
