import { describe, expect, it } from '@jest/globals';
import type { Action } from '../contract.js';
import { MAIN_STACK_ID, START_ACTION_ID } from '../contract.js';
import type { ActiveflowState } from './model.js';
import { locate, moveTo, nextPosition, pushStack, StackDepthError } from './stacks.js';

function talk(id: string, next_id?: string): Action {
  return { id, type: 'talk', option: { text: id }, ...(next_id ? { next_id } : {}) };
}

function stateOf(actions: Action[]): ActiveflowState {
  return {
    stack_map: { [MAIN_STACK_ID]: { id: MAIN_STACK_ID, actions, return_stack_id: '', return_action_id: '' } },
    current_stack_id: MAIN_STACK_ID,
    current_action: { id: START_ACTION_ID, type: 'start', option: {} },
    forward_stack_id: '',
    forward_action_id: '',
  } as unknown as ActiveflowState;
}

/** Walks the run to the end, returning the ids visited. */
function walk(state: ActiveflowState, limit = 20): string[] {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    const position = nextPosition(state);
    if (position === 'finish') return seen;
    seen.push(moveTo(state, position).id);
  }
  return seen;
}

describe('stacks', () => {
  it('runs the main stack in order, following next_id', () => {
    expect(walk(stateOf([talk('a', 'c'), talk('b'), talk('c')]))).toEqual(['a', 'c']);
  });

  it('runs a pushed stack next, then returns after the action it was pushed from', () => {
    const state = stateOf([talk('a'), talk('b'), talk('c')]);
    moveTo(state, nextPosition(state) as never);
    moveTo(state, nextPosition(state) as never);
    expect(state.current_action.id).toBe('b');
    pushStack(state, 's1', [talk('x'), talk('y')], 10);
    expect(walk(state)).toEqual(['x', 'y', 'c']);
    expect(Object.keys(state.stack_map)).toEqual([MAIN_STACK_ID]);
  });

  it('finds jump targets in the current stack first, then in the ones it returns to', () => {
    const state = stateOf([talk('a'), talk('shared')]);
    moveTo(state, nextPosition(state) as never);
    pushStack(state, 's1', [talk('shared'), talk('z')], 10);
    moveTo(state, nextPosition(state) as never);
    expect(locate(state, state.current_stack_id, 'shared')).toEqual({ stackId: 's1', index: 0 });
    expect(locate(state, state.current_stack_id, 'a')).toEqual({ stackId: MAIN_STACK_ID, index: 0 });
    expect(locate(state, state.current_stack_id, 'nothing')).toBeUndefined();
  });

  it('drops the stacks a jump leaves behind', () => {
    const state = stateOf([talk('a'), talk('b')]);
    moveTo(state, nextPosition(state) as never);
    pushStack(state, 's1', [talk('x')], 10);
    moveTo(state, nextPosition(state) as never);
    state.forward_action_id = 'b';
    state.forward_stack_id = MAIN_STACK_ID;
    expect(walk(state)).toEqual(['b']);
    expect(Object.keys(state.stack_map)).toEqual([MAIN_STACK_ID]);
  });

  it('refuses to nest stacks past the limit', () => {
    const state = stateOf([talk('a')]);
    moveTo(state, nextPosition(state) as never);
    pushStack(state, 's1', [talk('x')], 2);
    moveTo(state, nextPosition(state) as never);
    expect(() => pushStack(state, 's2', [talk('y')], 2)).toThrow(StackDepthError);
  });

  it('finishes an empty flow at once', () => {
    expect(nextPosition(stateOf([]))).toBe('finish');
  });
});
