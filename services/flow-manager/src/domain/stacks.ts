import { VoipError } from '@voxmesh/wire';
import { MAIN_STACK_ID, START_ACTION_ID, type Action } from '../contract.js';
import type { ActiveflowState, Stack } from './model.js';

/**
 * Navigation over an activeflow's stacks, as voipbin's stack map works: the flow's own
 * actions are the main stack; fetch, fetch_flow, connect and push_actions push a stack
 * that returns, when it runs out, to just after the action it was pushed from. These
 * functions change the state they are given and nothing else.
 */
export interface Position {
  stackId: string;
  index: number;
}

/** The stack and the ones it returns to, innermost first. */
export function stackChain(state: ActiveflowState, stackId: string): string[] {
  const chain: string[] = [];
  let at: string | undefined = stackId;
  while (at !== undefined && state.stack_map[at] && !chain.includes(at)) {
    chain.push(at);
    at = at === MAIN_STACK_ID ? undefined : state.stack_map[at]!.return_stack_id;
  }
  return chain;
}

/** Finds an action in `fromStackId` or the stacks it returns to, nearest first. */
export function locate(state: ActiveflowState, fromStackId: string, actionId: string): Position | undefined {
  for (const stackId of stackChain(state, fromStackId)) {
    const index = state.stack_map[stackId]!.actions.findIndex((action) => action.id === actionId);
    if (index >= 0) return { stackId, index };
  }
  return undefined;
}

/** As `locate` from the current stack, then in any stack the activeflow holds. */
export function locateAnywhere(state: ActiveflowState, actionId: string): Position | undefined {
  const near = locate(state, state.current_stack_id, actionId);
  if (near) return near;
  for (const stack of Object.values(state.stack_map)) {
    const index = stack.actions.findIndex((action) => action.id === actionId);
    if (index >= 0) return { stackId: stack.id, index };
  }
  return undefined;
}

export function actionAt(state: ActiveflowState, position: Position): Action {
  return state.stack_map[position.stackId]!.actions[position.index]!;
}

/**
 * Where the run goes after `actionId` in `stackId`: its `next_id`, else the next action
 * of the stack, else back to where the stack was pushed from. `finish` past the end of
 * the main stack.
 */
export function positionAfter(state: ActiveflowState, stackId: string, actionId: string): Position | 'finish' {
  let sid = stackId;
  let aid = actionId;
  for (let guard = 0; guard <= Object.keys(state.stack_map).length + 1; guard++) {
    const stack = state.stack_map[sid];
    if (!stack) return 'finish';
    if (aid === START_ACTION_ID) {
      if (stack.actions.length > 0) return { stackId: sid, index: 0 };
    } else {
      const index = stack.actions.findIndex((action) => action.id === aid);
      if (index >= 0) {
        const nextId = stack.actions[index]!.next_id;
        if (nextId !== undefined) {
          const target = locate(state, sid, nextId);
          if (target) return target;
        }
        if (index + 1 < stack.actions.length) return { stackId: sid, index: index + 1 };
      }
    }
    if (sid === MAIN_STACK_ID) return 'finish';
    aid = stack.return_action_id;
    sid = stack.return_stack_id;
  }
  return 'finish';
}

/** The position the run takes next: the forward action if one is set, else the one after the current. */
export function nextPosition(state: ActiveflowState): Position | 'finish' {
  if (state.forward_action_id !== '') {
    const forwardStack = state.forward_stack_id !== '' ? state.forward_stack_id : state.current_stack_id;
    const target = locate(state, forwardStack, state.forward_action_id) ?? locateAnywhere(state, state.forward_action_id);
    state.forward_action_id = '';
    state.forward_stack_id = '';
    if (target) return target;
  }
  return positionAfter(state, state.current_stack_id, state.current_action.id);
}

/**
 * Makes `position` current and drops the stacks nothing can return to any more, so the
 * stack map does not grow with every fetch. Returns the stored action (not substituted).
 */
export function moveTo(state: ActiveflowState, position: Position): Action {
  const action = actionAt(state, position);
  state.current_stack_id = position.stackId;
  state.current_action = action;
  prune(state);
  return action;
}

export function prune(state: ActiveflowState): void {
  const keep = new Set(stackChain(state, state.current_stack_id));
  if (state.forward_stack_id !== '') for (const id of stackChain(state, state.forward_stack_id)) keep.add(id);
  keep.add(MAIN_STACK_ID);
  for (const id of Object.keys(state.stack_map)) if (!keep.has(id)) delete state.stack_map[id];
}

export class StackDepthError extends VoipError {
  constructor(readonly limit: number) {
    super({ status: 'RESOURCE_EXHAUSTED', reason: 'STACK_DEPTH_LIMIT', message: `an activeflow nests at most ${limit} stacks (-max_stack_depth)` });
  }
}

/**
 * Pushes `actions` as a new stack returning to the current action, and points forward
 * at its first action. An empty list pushes nothing.
 */
export function pushStack(state: ActiveflowState, stackId: string, actions: Action[], maxDepth: number): Stack | undefined {
  if (actions.length === 0) return undefined;
  const depth = stackChain(state, state.current_stack_id).length;
  if (depth + 1 > maxDepth) throw new StackDepthError(maxDepth);
  const stack: Stack = { id: stackId, actions, return_stack_id: state.current_stack_id, return_action_id: state.current_action.id };
  state.stack_map[stackId] = stack;
  state.forward_stack_id = stackId;
  state.forward_action_id = actions[0]!.id;
  return stack;
}

/** Every action id the activeflow holds, for checking the targets of pushed actions. */
export function knownActionIds(state: ActiveflowState): Set<string> {
  const ids = new Set<string>();
  for (const stack of Object.values(state.stack_map)) for (const action of stack.actions) ids.add(action.id);
  return ids;
}
