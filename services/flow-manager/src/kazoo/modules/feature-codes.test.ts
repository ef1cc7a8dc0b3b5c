import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import type { Action } from '../../contract.js';
import { compileCallflow } from '../compiler.js';

type Node = Parameters<typeof compileCallflow>[0];

function refused(node: Node): VoipError {
  try {
    compileCallflow(node);
  } catch (error) {
    return error as VoipError;
  }
  throw new Error('compiled');
}

const option = (action: Action | undefined) => action?.option as Record<string, unknown>;

describe('call_forward and do_not_disturb', () => {
  it('call_forward takes the number from the feature code and asks for one when it is missing', () => {
    const actions = compileCallflow({ module: 'call_forward', data: { action: 'activate' } });
    const ids = new Map(actions.map((action) => [action.id, action]));
    expect(actions[0]!.type).toBe('answer');
    expect(option(actions[1])).toEqual({ setting: 'call_forward', action: 'activate', number: '${capture_group}' });
    const outcome = actions.find((action) => action.type === 'branch')!;
    const targets = option(outcome).target_ids as Record<string, string>;
    expect(Object.keys(targets).sort()).toEqual(['activated', 'deactivated', 'number_missing', 'updated']);
    expect(option(ids.get(targets.number_missing!))).toMatchObject({ text: 'Enter the number to forward your calls to, then press pound.' });
    const keyed = actions.filter((action) => action.type === 'call_settings_update')[1]!;
    expect(option(keyed)).toMatchObject({ action: 'activate', number: '${voipbin.call.digits}' });
    expect(ids.get(keyed.next_id!)).toMatchObject({ type: 'goto', option: { target_id: outcome.id, loop_count: 3 } });
  });

  it('defaults to toggle, and do_not_disturb passes its id on', () => {
    expect(option(compileCallflow({ module: 'call_forward' })[1])).toMatchObject({ action: 'toggle' });
    const dnd = compileCallflow({ module: 'do_not_disturb', data: { action: 'deactivate', id: 'dev-1' } });
    expect(option(dnd[1])).toEqual({ setting: 'do_not_disturb', action: 'deactivate', id: 'dev-1' });
    expect(dnd.filter((action) => action.type === 'call_settings_update')).toHaveLength(1);
  });

  it.each([
    [{ module: 'call_forward', data: { action: 'menu' } }, 'flow.data.action'],
    [{ module: 'call_forward', data: { action: 7 } }, 'flow.data.action'],
    [{ module: 'do_not_disturb', data: { action: 'update' } }, 'flow.data.action'],
    [{ module: 'do_not_disturb', data: { id: ['x'] } }, 'flow.data.id'],
  ])('refuses bad data naming the field: %j', (node, field) => {
    expect(refused(node as Node)).toMatchObject({ status: 'INVALID_ARGUMENT', field });
  });
});
