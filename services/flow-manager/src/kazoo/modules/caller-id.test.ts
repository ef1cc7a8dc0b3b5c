import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import type { Action } from '../../contract.js';
import { compileCallflow } from '../compiler.js';

type Node = Parameters<typeof compileCallflow>[0];

function byId(actions: Action[]) {
  return new Map(actions.map((action) => [action.id, action]));
}

function refused(node: Node): VoipError {
  try {
    compileCallflow(node);
  } catch (error) {
    return error as VoipError;
  }
  throw new Error('compiled');
}

const option = (action: Action | undefined) => action?.option as Record<string, unknown>;

describe('caller id modules', () => {
  it('dynamic_cid manual collects digits, checks the whitelist and the length, then presents them', () => {
    const actions = compileCallflow({
      module: 'dynamic_cid',
      data: { media_id: 'https://m/enter.wav', max_digits: 4, min_digits: 3, whitelist_regex: '^5' },
      children: { _: { module: 'hangup' } },
    });
    expect(actions.map((action) => action.type)).toEqual(['play', 'variable_set', 'digits_receive', 'condition_regex', 'condition_variable', 'variable_set', 'hangup', 'stop']);
    const ids = byId(actions);
    expect(option(actions[2])).toEqual({ duration: 5000 + 4 * 2000, length: 4, key: '#' });
    expect(option(actions[3])).toMatchObject({ variable: '${voipbin.call.digits}', pattern: '^5' });
    expect(option(actions[4])).toMatchObject({ condition: '>=', value_type: 'length', value_length: 3 });
    expect(option(actions[5])).toEqual({ key: 'voipbin.call.caller_id_number', value: '${voipbin.call.digits}' });
    // A rejected number keeps the caller id and goes on to `_`, as the accepted one does.
    expect(ids.get(option(actions[3]).false_target_id as string)!.type).toBe('hangup');
    expect(ids.get(actions[5]!.next_id!)!.type).toBe('hangup');
  });

  it('dynamic_cid static presents caller_id', () => {
    const actions = compileCallflow({ module: 'dynamic_cid', data: { action: 'static', caller_id: { name: 'Desk', number: '+1555' } } });
    expect(actions.slice(0, 2).map(option)).toEqual([
      { key: 'voipbin.call.caller_id_name', value: 'Desk' },
      { key: 'voipbin.call.caller_id_number', value: '+1555' },
    ]);
  });

  it('check_cid goes to match, presenting caller_id.external, and to nomatch otherwise', () => {
    const actions = compileCallflow({
      module: 'check_cid',
      data: { regex: '^\\+1555', caller_id: { external: { name: 'Joe', number: '+1999' } } },
      children: { match: { module: 'tts', data: { text: 'yes' } }, nomatch: { module: 'tts', data: { text: 'no' } } },
    });
    const ids = byId(actions);
    const check = actions[0]!;
    expect(check).toMatchObject({ type: 'condition_regex', option: { variable: '${voipbin.call.source.target}', pattern: '^\\+1555' } });
    expect(option(ids.get(option(check).false_target_id as string))).toEqual({ text: 'no' });
    const name = ids.get(check.next_id!)!;
    expect(name.option).toEqual({ key: 'voipbin.call.caller_id_name', value: 'Joe' });
    const number = ids.get(name.next_id!)!;
    expect(number.option).toEqual({ key: 'voipbin.call.caller_id_number', value: '+1999' });
    expect(option(ids.get(number.next_id!))).toEqual({ text: 'yes' });
  });

  it('check_cid in absolute mode branches on the number, falling back to `_`', () => {
    const actions = compileCallflow({
      module: 'check_cid',
      data: { use_absolute_mode: true },
      children: { '+15558881111': { module: 'tts', data: { text: 'joseph' } }, _: { module: 'hangup' } },
    });
    const ids = byId(actions);
    const branch = actions.find((action) => action.type === 'branch')!;
    expect(option(branch)).toMatchObject({ variable: 'voipbin.call.source.target' });
    const targets = option(branch) as { target_ids: Record<string, string>; default_target_id: string };
    expect(option(ids.get(targets.target_ids['+15558881111']!))).toEqual({ text: 'joseph' });
    expect(ids.get(targets.default_target_id)!.type).toBe('hangup');
  });

  it('prepend_cid with apply_to original replaces earlier prefixes instead of stacking', () => {
    const [first] = compileCallflow({ module: 'prepend_cid', data: { apply_to: 'original', caller_id_number_prefix: '9' } });
    expect(first!.option).toEqual({ key: 'voipbin.call.caller_id_number_prefix', value: '9' });
  });

  it.each([
    [{ module: 'check_cid', data: { regex: '([' } }, 'flow.data.regex'],
    [{ module: 'check_cid', data: { use_absolute_mode: 'yes' } }, 'flow.data.use_absolute_mode'],
    [{ module: 'dynamic_cid', data: { action: 'guess' } }, 'flow.data.action'],
    [{ module: 'dynamic_cid', data: { max_digits: 'ten' } }, 'flow.data.max_digits'],
    [{ module: 'dynamic_cid', data: { min_digits: 5, max_digits: 4 } }, 'flow.data.min_digits'],
    [{ module: 'dynamic_cid', data: { action: 'static' } }, 'flow.data.caller_id'],
    [{ module: 'dynamic_cid', data: { caller_id: { number: 7 } } }, 'flow.data.caller_id.number'],
    [{ module: 'prepend_cid', data: { apply_to: 'both', caller_id_name_prefix: 'x' } }, 'flow.data.apply_to'],
  ])('refuses %j with a 400 naming %s', (node, field) => {
    expect(refused(node)).toMatchObject({ status: 'INVALID_ARGUMENT', field });
  });
});

describe('webhook as Kazoo writes it', () => {
  it("sends the call's details with custom_data over them, and skip_module goes straight on", () => {
    const [send] = compileCallflow({ module: 'webhook', data: { uri: 'http://my.ser.ver/hook', custom_data: { app: 'my_cool_app', hook: 'mine' } } });
    expect(send).toMatchObject({ type: 'webhook_send', option: { uri: 'http://my.ser.ver/hook', data: { hook: 'mine', app: 'my_cool_app', call_id: '${voipbin.call.id}', caller_id_number: '${voipbin.call.source.target}' } } });
    const skipped = compileCallflow({ module: 'webhook', data: { uri: 'http://my.ser.ver/hook', skip_module: true }, children: { _: { module: 'hangup' } } });
    expect(skipped.map((action) => action.type)).toEqual(['goto', 'hangup', 'stop']);
  });

  it.each([
    [{ uri: 'ftp://x' }, 'flow.data.uri'],
    [{ uri: 'http://x', http_verb: 'delete' }, 'flow.data.http_verb'],
    [{ uri: 'http://x', custom_data: 'text' }, 'flow.data.custom_data'],
  ])('refuses %j with a 400 naming %s', (data, field) => {
    expect(refused({ module: 'webhook', data })).toMatchObject({ status: 'INVALID_ARGUMENT', field });
  });
});
