import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import type { Action } from '../../contract.js';
import { compileCallflow } from '../compiler.js';

const byId = (actions: Action[]) => new Map(actions.map((action) => [action.id, action]));
const option = (action: Action | undefined) => action!.option as Record<string, unknown>;

describe('temporal_route with stored rules', () => {
  it('reads the named rules and rule set when the call gets there, keyed to the children, `_` by default', () => {
    const actions = compileCallflow({
      module: 'temporal_route',
      data: { rules: ['hours'], rule_set: 'holidays', timezone: 'Europe/Paris' },
      children: { hours: { module: 'tts', data: { text: 'open' } }, rule_set: { module: 'tts', data: { text: 'holiday' } }, _: { module: 'tts', data: { text: 'closed' } } },
    });
    const ids = byId(actions);
    const match = actions[0]!;
    expect(match).toMatchObject({ type: 'temporal_match', option: { rules: ['hours'], rule_set: 'holidays', timezone: 'Europe/Paris' } });
    const targets = option(match).target_ids as Record<string, string>;
    expect(option(ids.get(targets.hours))).toEqual({ text: 'open' });
    expect(option(ids.get(targets.rule_set))).toEqual({ text: 'holiday' });
    expect(option(ids.get(option(match).default_target_id as string))).toEqual({ text: 'closed' });
  });

  it.each([
    ['enable', 'The time of day rules are now forced on.'],
    ['disable', 'The time of day rules are now forced off.'],
    ['reset', 'The time of day rules now follow their schedule.'],
  ])('action %s updates the rules, says so, and ends', (action, said) => {
    const actions = compileCallflow({ module: 'temporal_route', data: { action, rule_set: 'holidays' } });
    expect(actions.map((each) => each.type)).toEqual(['temporal_rules_update', 'talk', 'stop']);
    expect(option(actions[0])).toEqual({ action, rules: [], rule_set: 'holidays' });
    expect(option(actions[1])).toEqual({ text: said });
  });

  it('action menu asks for 1, 2 or 3', () => {
    const actions = compileCallflow({ module: 'temporal_route', data: { action: 'menu', rules: ['r1'] } });
    const ids = byId(actions);
    const branch = actions.find((each) => each.type === 'branch')!;
    const targets = option(branch).target_ids as Record<string, string>;
    expect(Object.fromEntries(Object.entries(targets).map(([key, id]) => [key, option(ids.get(id)).action]))).toEqual({ '1': 'enable', '2': 'disable', '3': 'reset' });
  });

  it.each([
    [{ rules: [] }, 'flow.data.rules'],
    [{ rules: ['ok', 7] }, 'flow.data.rules.1'],
    [{ rules: ['r'], timezone: 'Mars/Olympus' }, 'flow.data.timezone'],
    [{ action: 'toggle', rules: ['r'] }, 'flow.data.action'],
    [{ action: 'enable' }, 'flow.data.rules'],
    [{ rules: [{ id: 'inline' }, 'stored'] }, 'flow.data.rules.1'],
  ])('refuses %j with a 400 naming %s', (data, field) => {
    let error: unknown;
    try {
      compileCallflow({ module: 'temporal_route', data });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(VoipError);
    expect(error).toMatchObject({ status: 'INVALID_ARGUMENT', field });
  });
});
