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

  it('call_forward menu: 1 toggles, 2 changes the number, each back to the menu; no key ends it', () => {
    const actions = compileCallflow({ module: 'call_forward', data: { action: 'menu' }, children: { _: { module: 'hangup' } } });
    const ids = new Map(actions.map((action) => [action.id, action]));
    const choose = actions.find((action) => action.type === 'branch' && option(action).variable === 'voipbin.call.digits')!;
    const targets = option(choose).target_ids as Record<string, string>;
    expect(option(ids.get(targets['1']!))).toMatchObject({ setting: 'call_forward', action: 'toggle', number: '' });
    expect(option(ids.get(targets['2']!))).toMatchObject({ setting: 'call_forward', action: 'update', number: '' });
    expect(ids.get(targets['']!)!.type).toBe('hangup');
    const head = actions[1]!;
    const confirmations = actions.filter((action) => action.type === 'talk' && String(option(action).text).startsWith('Call forwarding is off'));
    expect(confirmations.every((talk) => talk.next_id === head.id)).toBe(true);
  });

  it('defaults to toggle, and do_not_disturb passes its id on', () => {
    expect(option(compileCallflow({ module: 'call_forward' })[1])).toMatchObject({ action: 'toggle' });
    const dnd = compileCallflow({ module: 'do_not_disturb', data: { action: 'deactivate', id: 'dev-1' } });
    expect(option(dnd[1])).toEqual({ setting: 'do_not_disturb', action: 'deactivate', id: 'dev-1' });
    expect(dnd.filter((action) => action.type === 'call_settings_update')).toHaveLength(1);
  });

  it.each([
    [{ module: 'call_forward', data: { action: 'forward' } }, 'flow.data.action'],
    [{ module: 'call_forward', data: { action: 7 } }, 'flow.data.action'],
    [{ module: 'do_not_disturb', data: { action: 'update' } }, 'flow.data.action'],
    [{ module: 'do_not_disturb', data: { id: ['x'] } }, 'flow.data.id'],
  ])('refuses bad data naming the field: %j', (node, field) => {
    expect(refused(node as Node)).toMatchObject({ status: 'INVALID_ARGUMENT', field });
  });
});

describe('disa', () => {
  it('checks the PIN, plays a dial tone a key stops, and dials the number keyed in through the account carriers', () => {
    const actions = compileCallflow({ module: 'disa', data: { pin: '1234', max_digits: 11 }, children: { _: { module: 'hangup' } } });
    const pinCheck = actions.find((action) => action.type === 'condition_regex' && option(action).pattern === '^1234#?$')!;
    const ids = new Map(actions.map((action) => [action.id, action]));
    const afterPin = ids.get(pinCheck.next_id!)!;
    expect(afterPin.type).toBe('variable_set');
    expect(option(ids.get(afterPin.next_id!))).toEqual({ stream_urls: ['tone_stream://%(10000,0,350,440)'], digits_handle: 'next' });
    const dial = actions.find((action) => action.type === 'carrier_bridge')!;
    expect(option(dial)).toMatchObject({ to_did: '${kazoo.disa.number}', use_local_resources: true, caller_id: { number: '${voipbin.call.caller_id_number}', name_prefix: '${voipbin.call.caller_id_name_prefix}' } });
    const number = actions.find((action) => option(action).capture_to === 'kazoo.disa.number')!;
    // Kazoo's default: the account's caller id is presented before dialling.
    const presented = ids.get(number.next_id!)!;
    expect([presented.type, presented.next_id]).toEqual(['account_caller_id', dial.id]);
  });

  it('keeps the caller id as the call brought it with use_account_caller_id false', () => {
    const actions = compileCallflow({ module: 'disa', data: { use_account_caller_id: false } });
    const number = actions.find((action) => option(action).capture_to === 'kazoo.disa.number')!;
    expect(actions.find((action) => action.id === number.next_id)!.type).toBe('carrier_bridge');
    expect(actions.map((action) => action.type)).not.toContain('account_caller_id');
  });

  it('goes straight to the dial tone without a PIN', () => {
    const actions = compileCallflow({ module: 'disa', data: { pin: '' } });
    expect(actions.slice(0, 3).map((action) => action.type)).toEqual(['answer', 'variable_set', 'play']);
  });

  it.each([
    [{ pin: '12a4' }, 'flow.data.pin'],
    [{ max_digits: 0 }, 'flow.data.max_digits'],
    [{ preconnect_audio: 'music' }, 'flow.data.preconnect_audio'],
    [{ use_account_caller_id: 'yes' }, 'flow.data.use_account_caller_id'],
  ])('refuses bad data naming the field: %j', (data, field) => {
    expect(refused({ module: 'disa', data })).toMatchObject({ status: 'INVALID_ARGUMENT', field });
  });
});


describe('hotdesk', () => {
  it('asks hotdesk_update first, then for the id or the PIN as its outcome says', () => {
    const actions = compileCallflow({ module: 'hotdesk', data: { action: 'login' } });
    const ids = new Map(actions.map((action) => [action.id, action]));
    expect(actions.slice(0, 2).map((action) => [action.type, option(action)])).toEqual([['answer', {}], ['hotdesk_update', { action: 'login' }]]);
    const outcome = ids.get(actions[1]!.next_id!)!;
    const targets = option(outcome).target_ids as Record<string, string>;
    expect(Object.keys(targets).sort()).toEqual(['id_required', 'logged_in', 'logged_out', 'pin_invalid', 'pin_required', 'unknown_user']);
    const askPin = ids.get(targets.pin_required!)!;
    expect(option(ids.get(askPin.next_id!))).toMatchObject({ text: 'Enter your PIN, then press pound.' });
    const updates = actions.filter((action) => action.type === 'hotdesk_update').map(option);
    expect(updates).toContainEqual({ action: 'login', user_id: '${voipbin.hotdesk.user_id}', pin: '${voipbin.call.digits}' });
    expect(updates).toContainEqual({ action: 'login', hotdesk_id: '${voipbin.call.digits}' });
  });

  it("bridge rings the user's hotdesk devices, then goes to the failure cause's child or `_`, answered or not", () => {
    const actions = compileCallflow({
      module: 'hotdesk',
      data: { action: 'bridge', id: 'u1' },
      children: { _: { module: 'tts', data: { text: 'after' } }, NO_ANSWER: { module: 'tts', data: { text: 'no answer' } } },
    });
    const ids = new Map(actions.map((action) => [action.id, action]));
    expect(actions[0]).toMatchObject({ type: 'bridge', option: { endpoints: [{ type: 'hotdesk', id: 'u1' }], timeout: 20000, caller_id: { number: '${voipbin.call.caller_id_number}' } } });
    const branch = ids.get(actions[0]!.next_id!)!;
    const { target_ids: targets, default_target_id: fallback } = option(branch) as { target_ids: Record<string, string>; default_target_id: string };
    expect(Object.keys(targets)).toEqual(['NO_ANSWER']);
    expect(option(ids.get(targets.NO_ANSWER!))).toEqual({ text: 'no answer' });
    expect(option(ids.get(fallback))).toEqual({ text: 'after' });
  });

  it.each([
    [{}, 'flow.data.action'],
    [{ action: 'bridge' }, 'flow.data.id'],
    [{ action: 'park' }, 'flow.data.action'],
    [{ action: 'login', interdigit_timeout: -1 }, 'flow.data.interdigit_timeout'],
  ])('refuses bad data naming the field: %j', (data, field) => {
    expect(refused({ module: 'hotdesk', data })).toMatchObject({ status: 'INVALID_ARGUMENT', field });
  });
});

describe('dynamic_cid list and lists', () => {
  it('looks the caller id up, then branches into the callflow of the rest of the number', () => {
    const actions = compileCallflow({ module: 'dynamic_cid', data: { action: 'list', id: 'brands', idx_name: 'cid' } });
    const ids = new Map(actions.map((action) => [action.id, action]));
    expect(actions[0]).toMatchObject({ type: 'caller_id_lookup', option: { action: 'list', list_id: 'brands', captured: '${capture_group}', key: '${capture_groups.cid}' } });
    const outcome = ids.get(actions[0]!.next_id!)!;
    expect(outcome).toMatchObject({ type: 'branch', option: { variable: 'voipbin.dynamic_cid.result' } });
    const route = ids.get(option(outcome).default_target_id as string)!;
    expect(route).toMatchObject({ type: 'route_lookup', option: { number: '${voipbin.dynamic_cid.destination}' } });
    expect(ids.get(route.next_id!)).toMatchObject({ type: 'fetch_flow', option: { flow_id: '${voipbin.route.flow_id}' } });
  });

  it('needs the list id', () => {
    expect(refused({ module: 'dynamic_cid', data: { action: 'lists' } })).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'flow.data.id' });
  });
});

describe('directory', () => {
  it('spells, searches, offers each match and connects into the callflow found', () => {
    const actions = compileCallflow({ module: 'directory', data: { id: 'staff' } });
    const search = actions.find((action) => action.type === 'directory_search')!;
    expect(option(search)).toEqual({ action: 'search', directory_id: 'staff', digits: '${voipbin.call.digits}' });
    const outcome = actions.find((action) => action.type === 'branch' && option(action).variable === 'voipbin.directory.result')!;
    expect(Object.keys(option(outcome).target_ids as object).sort()).toEqual(['auto', 'end', 'match', 'none']);
    expect(actions.find((action) => action.type === 'fetch_flow')).toMatchObject({ option: { flow_id: '${voipbin.directory.callflow_id}' } });
  });

  it.each([[{}], [{ id: '' }], [{ id: 7 }]])('refuses data without a directory id, naming the field: %j', (data) => {
    expect(refused({ module: 'directory', data })).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'flow.data.id' });
  });
});
