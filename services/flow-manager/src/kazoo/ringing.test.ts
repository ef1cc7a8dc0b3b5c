import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import type { Action } from '../contract.js';
import { compileCallflow } from './compiler.js';

const DEVICE = 'a4b1f2c00000400080000000000000d1';
const USER = 'a4b1f2c00000400080000000000000a1';
/** A bridge reads the caller id the flow set (and its prefixes) when it runs. */
const FLOW_CALLER_ID = {
  number: '${voipbin.call.caller_id_number}',
  name: '${voipbin.call.caller_id_name}',
  number_prefix: '${voipbin.call.caller_id_number_prefix}',
  name_prefix: '${voipbin.call.caller_id_name_prefix}',
};

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
    expect(option(bridge)).toEqual({ endpoints: [{ type: 'device', id: DEVICE, delay: 2000 }], timeout: 15000, can_call_self: true, caller_id: FLOW_CALLER_ID });
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
    expect(option(find(actions, 'bridge'))).toEqual({ endpoints: [{ type: 'user', id: USER }], timeout: 20000, strategy: 'single', caller_id: FLOW_CALLER_ID });
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
    expect(actions.map((action) => action.type)).toEqual(['variable_set', 'hangup', 'stop']);
    expect(actions[0]!.next_id).toBe(actions[1]!.id);
  });

  it('refuses bad data with a 400 naming the field', () => {
    expect(failure(() => compileCallflow({ module: 'device', data: {} }))).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'flow.data.id' });
    expect(failure(() => compileCallflow({ module: 'user', data: { id: USER, strategy: 'round_robin' } })).field).toBe('flow.data.strategy');
    expect(failure(() => compileCallflow({ module: 'device', data: { id: DEVICE, timeout: 'soon' } })).field).toBe('flow.data.timeout');
    expect(failure(() => compileCallflow({ module: 'answer', children: { _: { module: 'user', data: { id: USER, can_call_self: 'yes' } } } })).field).toBe('flow.children._.data.can_call_self');
  });
});

describe('ring_group module', () => {
  const GROUP = 'a4b1f2c00000400080000000000000b1';

  it('rings its endpoints together with their own delays and timeouts, the group stopping after its timeout', () => {
    const actions = compileCallflow({
      module: 'ring_group',
      data: { endpoints: [{ endpoint_type: 'user', id: USER, timeout: 10 }, { endpoint_type: 'group', id: GROUP, delay: 5 }], timeout: 30, ringback: '%(2000,4000,440,480)' },
      children: { _: { module: 'hangup' } },
    });
    expect(option(find(actions, 'bridge'))).toEqual({
      endpoints: [{ type: 'user', id: USER, timeout: 10000 }, { type: 'group', id: GROUP, timeout: 20000, delay: 5000 }],
      strategy: 'simultaneous',
      total_timeout: 30000,
      ignore_forward: true,
      ringback: '%(2000,4000,440,480)',
      caller_id: FLOW_CALLER_ID,
    });
    const { target_ids: targets, default_target_id: fallback } = option(find(actions, 'branch')) as { target_ids: Record<string, string>; default_target_id: string };
    expect(typeOf(actions, targets.SUCCESS)).toBe('stop');
    expect(typeOf(actions, fallback)).toBe('hangup');
  });

  it('rings again `repeats` times before going on to the failure child or `_`', () => {
    const actions = compileCallflow({
      module: 'ring_group',
      data: { endpoints: [{ endpoint_type: 'device', id: DEVICE }], strategy: 'single', repeats: 3, ignore_forward: false },
      children: { NO_ANSWER: { module: 'play', data: { id: 'https://example.com/nobody.wav' } }, _: { module: 'hangup' } },
    });
    const bridge = find(actions, 'bridge');
    expect(option(bridge)).toEqual({ endpoints: [{ type: 'device', id: DEVICE, timeout: 20000 }], strategy: 'single', ignore_forward: false, caller_id: FLOW_CALLER_ID });
    const check = actions.find((action) => action.id === bridge.next_id)!;
    expect(check).toMatchObject({ type: 'branch', option: { variable: 'voipbin.bridge.result', keep_variable: true } });
    expect(typeOf(actions, (option(check).target_ids as Record<string, string>).SUCCESS)).toBe('stop');
    const again = actions.find((action) => action.id === option(check).default_target_id)!;
    expect(again).toMatchObject({ type: 'goto', option: { target_id: bridge.id, loop_count: 2 } });
    const onFailure = actions.find((action) => action.id === again.next_id)!;
    expect(typeOf(actions, (option(onFailure).target_ids as Record<string, string>).NO_ANSWER)).toBe('play');
    expect(typeOf(actions, option(onFailure).default_target_id as string)).toBe('hangup');
  });

  it('refuses bad endpoints with a 400 naming the field', () => {
    expect(failure(() => compileCallflow({ module: 'ring_group', data: { endpoints: [] } })).field).toBe('flow.data.endpoints');
    expect(failure(() => compileCallflow({ module: 'ring_group', data: { endpoints: [{ endpoint_type: 'fax', id: DEVICE }] } })).field).toBe('flow.data.endpoints.0.endpoint_type');
    expect(failure(() => compileCallflow({ module: 'ring_group', data: { endpoints: [{ endpoint_type: 'user', id: USER }], strategy: 'round_robin' } })).field).toBe('flow.data.strategy');
    expect(failure(() => compileCallflow({ module: 'ring_group', data: { endpoints: [{ endpoint_type: 'user', id: USER, weight: 0 }], strategy: 'weighted_random' } })).field).toBe('flow.data.endpoints.0.weight');
  });

  it('hands weighted_random and each endpoint weight to the bridge, which draws the order for each call', () => {
    const actions = compileCallflow({
      module: 'ring_group',
      data: { endpoints: [{ endpoint_type: 'device', id: DEVICE, weight: 70 }, { endpoint_type: 'user', id: USER, timeout: 10 }], strategy: 'weighted_random' },
    });
    const bridge = actions.find((action) => action.type === 'bridge')!;
    expect(option(bridge)).toEqual({
      endpoints: [{ type: 'device', id: DEVICE, timeout: 20000, weight: 70 }, { type: 'user', id: USER, timeout: 10000 }],
      strategy: 'weighted_random',
      ignore_forward: true,
      caller_id: FLOW_CALLER_ID,
    });
  });
});

describe('voicemail module', () => {
  const BOX = 'a4b1f2c00000400080000000000000e1';

  it('lets the caller leave a message, then ends the call', () => {
    const actions = compileCallflow({ module: 'voicemail', data: { id: BOX, max_message_length: 90 } });
    expect(actions.map((action) => action.type)).toEqual(['voicemail_leave', 'stop']);
    expect(option(actions[0]!)).toEqual({ vmbox_id: BOX, max_message_length: 90000 });
    expect(actions[0]!.next_id).toBe(actions[1]!.id);
  });

  it('lets the owner check the box with `action: check`; an unknown action is a 400 naming it', () => {
    const actions = compileCallflow({ module: 'voicemail', data: { id: BOX, action: 'check' } });
    expect(actions.map((action) => [action.type, action.option])).toEqual([['voicemail_check', { vmbox_id: BOX }], ['stop', {}]]);
    expect(failure(() => compileCallflow({ module: 'voicemail', data: { id: BOX, action: 'listen' } })).field).toBe('flow.data.action');
  });
});

describe('resources and offnet modules', () => {
  it("dials through the account's carriers by default, the platform's with offnet, then stops or goes to `_`", () => {
    const actions = compileCallflow({ module: 'resources', data: { to_did: '+15555550100', timeout: 30, outbound_flags: ['fax'], emit_account_id: true }, children: { _: { module: 'hangup' } } });
    const callerId = {
      number: '${voipbin.call.caller_id_number}',
      name: '${voipbin.call.caller_id_name}',
      number_prefix: '${voipbin.call.caller_id_number_prefix}',
      name_prefix: '${voipbin.call.caller_id_name_prefix}',
    };
    expect(option(find(actions, 'carrier_bridge'))).toEqual({ use_local_resources: true, to_did: '+15555550100', outbound_flags: ['fax'], timeout: 30000, emit_account_id: true, caller_id: callerId });
    const branch = option(find(actions, 'branch')) as { target_ids: Record<string, string>; default_target_id: string };
    expect(typeOf(actions, branch.target_ids.SUCCESS)).toBe('stop');
    expect(typeOf(actions, branch.default_target_id)).toBe('hangup');
    // Without to_did the number is the one the call was routed by, which a hunt or dynamic_cid may have changed.
    expect(option(find(compileCallflow({ module: 'offnet', data: { do_not_normalize: true } }), 'carrier_bridge'))).toEqual({ use_local_resources: false, bypass_e164: true, to_did: '${voipbin.route.number}', caller_id: callerId });
  });

  it('refuses a bad to_did naming the field', () => {
    expect(failure(() => compileCallflow({ module: 'resources', data: { to_did: 'call me' } })).field).toBe('flow.data.to_did');
  });
});

describe('conference module', () => {
  it('joins a pre-defined conference or an ad hoc one, then ends the call; needs one of them', () => {
    const byId = compileCallflow({ module: 'conference', data: { id: 'conf-1', moderator: true } });
    expect(byId.map((action) => [action.type, action.option])).toEqual([['conference_enter', { conference_id: 'conf-1', moderator: true }], ['stop', {}]]);
    const adHoc = compileCallflow({ module: 'conference', data: { config: { name: 'Standup' }, welcome_prompt: { play: false } } });
    expect(option(adHoc[0]!)).toEqual({ config: { name: 'Standup' }, welcome: false });
    expect(failure(() => compileCallflow({ module: 'conference', data: {} })).field).toBe('flow.data.id');
    expect(failure(() => compileCallflow({ module: 'conference', data: { config: { name: 'X', member: { pins: ['12a'] } } } })).field).toBe('flow.data.config.member.pins.0');
  });
});
