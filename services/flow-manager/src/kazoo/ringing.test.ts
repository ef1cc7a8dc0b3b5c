import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import type { Action } from '../contract.js';
import { compileCallflow } from './compiler.js';

const DEVICE = 'a4b1f2c00000400080000000000000d1';
const USER = 'a4b1f2c00000400080000000000000a1';

function failure(run: () => unknown): VoipError {
  try {
    run();
  } catch (error) {
    if (error instanceof VoipError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const find = (actions: Action[], type: string) => actions.find((action) => action.type === type)!;
const option = (action: Action) => action.option as Record<string, unknown>;
const typeOf = (actions: Action[], id: string | undefined) => actions.find((action) => action.id === id)?.type;

describe('device and user modules', () => {
  it('rings a device for its timeout and delay in ms, stops after an answered call and goes to `_` when nobody answered', () => {
    const actions = compileCallflow({ module: 'device', data: { id: DEVICE, timeout: 15, delay: 2, can_call_self: true }, children: { _: { module: 'hangup' } } });
    const bridge = find(actions, 'bridge');
    expect(option(bridge)).toEqual({ endpoints: [{ type: 'device', id: DEVICE, delay: 2000 }], timeout: 15000, can_call_self: true });
    const branch = find(actions, 'branch');
    expect(bridge.next_id).toBe(branch.id);
    const { variable, target_ids: targets, default_target_id: fallback } = option(branch) as { variable: string; target_ids: Record<string, string>; default_target_id: string };
    expect(variable).toBe('voipbin.bridge.result');
    expect(typeOf(actions, targets.SUCCESS)).toBe('stop');
    expect(typeOf(actions, fallback)).toBe('hangup');
  });

  it("rings a user's devices by strategy for Kazoo's default 20 s, and routes a failure cause to its child", () => {
    const actions = compileCallflow({
      module: 'user',
      data: { id: USER, strategy: 'single', timeout: '0' },
      children: { USER_BUSY: { module: 'play', data: { id: 'https://example.com/busy.wav' } }, _: { module: 'hangup' } },
    });
    expect(option(find(actions, 'bridge'))).toEqual({ endpoints: [{ type: 'user', id: USER }], timeout: 20000, strategy: 'single' });
    const targets = option(find(actions, 'branch')).target_ids as Record<string, string>;
    expect(typeOf(actions, targets.USER_BUSY)).toBe('play');
    expect(typeOf(actions, targets.SUCCESS)).toBe('stop');
  });

  it('ends the call when nobody answered and there is no `_` child', () => {
    const actions = compileCallflow({ module: 'device', data: { id: DEVICE } });
    expect(typeOf(actions, option(find(actions, 'branch')).default_target_id as string)).toBe('stop');
  });

  it('skips the module with skip_module, going to `_`', () => {
    const actions = compileCallflow({ module: 'user', data: { id: USER, skip_module: true }, children: { _: { module: 'hangup' } } });
    expect(actions.map((action) => action.type)).toEqual(['variable_set', 'hangup']);
    expect(actions[0]!.next_id).toBe(actions[1]!.id);
  });

  it('refuses bad data with a 400 naming the field', () => {
    expect(failure(() => compileCallflow({ module: 'device', data: {} }))).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'flow.data.id' });
    expect(failure(() => compileCallflow({ module: 'user', data: { id: USER, strategy: 'round_robin' } })).field).toBe('flow.data.strategy');
    expect(failure(() => compileCallflow({ module: 'device', data: { id: DEVICE, timeout: 'soon' } })).field).toBe('flow.data.timeout');
    expect(failure(() => compileCallflow({ module: 'answer', children: { _: { module: 'user', data: { id: USER, can_call_self: 'yes' } } } })).field).toBe('flow.children._.data.can_call_self');
  });
});
