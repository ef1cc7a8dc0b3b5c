import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import type { Action } from '../../contract.js';
import { compileCallflow } from '../compiler.js';

const byId = (actions: Action[]) => new Map(actions.map((action) => [action.id, action]));

function refusal(node: unknown): VoipError {
  try {
    compileCallflow(node as Parameters<typeof compileCallflow>[0]);
  } catch (error) {
    if (error instanceof VoipError) return error;
    throw error;
  }
  throw new Error('compiled');
}

describe('eavesdrop, group_pickup, intercept and page_group as Kazoo writes them', () => {
  it('eavesdrop on a device, approved by group, stops after listening and says why it could not', () => {
    const actions = compileCallflow({ module: 'eavesdrop', data: { device_id: 'd1', user_id: 'u1', approved_group_id: 'g1', mode: 'full' }, children: { _: { module: 'hangup' } } });
    const ids = byId(actions);
    expect(actions[0]).toMatchObject({ type: 'eavesdrop', option: { target: { type: 'device', id: 'd1' }, mode: 'full', approved: { group_id: 'g1' } } });
    const branch = ids.get(actions[0]!.next_id!)!;
    expect(branch).toMatchObject({ type: 'branch', option: { variable: 'voipbin.feature.result' } });
    const targets = branch.option.target_ids as Record<string, string>;
    expect(ids.get(targets.SUCCESS!)!.type).toBe('stop');
    expect(ids.get(targets.NO_CHANNELS!)).toMatchObject({ type: 'talk', option: { text: 'There is no call to take.' } });
    expect(ids.get(ids.get(targets.NOT_APPROVED!)!.next_id!)!.type).toBe('stop');
    expect(actions.some((action) => action.type === 'hangup')).toBe(false);
  });

  it('group_pickup takes ringing calls only, intercept any, each with the most precise target', () => {
    expect(compileCallflow({ module: 'group_pickup', data: { group_id: 'g1', approved_user_id: 'u9' } })[0]).toMatchObject({
      type: 'pickup',
      option: { targets: [{ type: 'group', id: 'g1' }], unbridged_only: true, approved: { user_id: 'u9' } },
    });
    expect(compileCallflow({ module: 'intercept', data: { user_id: 'u1', group_id: 'g1', approved_device_id: '' } })[0]).toMatchObject({
      type: 'pickup',
      option: { targets: [{ type: 'user', id: 'u1' }], unbridged_only: false },
    });
    expect(compileCallflow({ module: 'intercept', data: { device_id: 'd1' } })[0]!.option).not.toHaveProperty('approved');
  });

  it('page_group pages for timeout seconds (5 by default), goes on at _ with nobody to page, else stops', () => {
    const actions = compileCallflow({
      module: 'page_group',
      data: { endpoints: [{ id: 'd1' }, { endpoint_type: 'group', id: 'g1' }], audio: 'two-way', barge_calls: false },
      children: { _: { module: 'hangup' } },
    });
    const ids = byId(actions);
    expect(actions[0]).toMatchObject({ type: 'page', option: { endpoints: [{ type: 'device', id: 'd1' }, { type: 'group', id: 'g1' }], timeout: 5000, two_way: true } });
    const branch = ids.get(actions[0]!.next_id!)!;
    expect(branch).toMatchObject({ type: 'branch', option: { variable: 'voipbin.bridge.result' } });
    expect(ids.get((branch.option.target_ids as Record<string, string>).NO_ENDPOINTS!)!.type).toBe('hangup');
    expect(ids.get(branch.option.default_target_id as string)!.type).toBe('stop');
    expect(compileCallflow({ module: 'page_group', data: { endpoints: [{ endpoint_type: 'user', id: 'u1' }], timeout: '10' } })[0]!.option).toMatchObject({ timeout: 10_000 });
  });

  it('without a device, user or group the target is the extension a feature code captured', () => {
    expect(compileCallflow({ module: 'group_pickup', data: {} })[0]!.option).toMatchObject({ targets: [{ type: 'extension', id: '${capture_group}' }] });
    expect(compileCallflow({ module: 'eavesdrop', data: { approved_device_id: 'd1', device_id: '' } })[0]!.option).toMatchObject({ target: { type: 'extension', id: '${capture_group}' } });
  });

  it('refuses bad fields, naming the field', () => {
    expect(refusal({ module: 'intercept', data: { device_id: 42 } })).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'flow.data.device_id' });
    expect(refusal({ module: 'group_pickup', data: { approved_group_id: ['g1'] } })).toMatchObject({ field: 'flow.data.approved_group_id' });
    expect(refusal({ module: 'page_group', data: { endpoints: [] } })).toMatchObject({ field: 'flow.data.endpoints' });
    expect(refusal({ module: 'page_group', data: { endpoints: [{ endpoint_type: 'phone', id: 'x' }] } })).toMatchObject({ field: 'flow.data.endpoints.0.endpoint_type' });
    expect(refusal({ module: 'eavesdrop', data: { device_id: 'd1', mode: 'shout' } })).toMatchObject({ field: 'flow.data.mode' });
  });
});
