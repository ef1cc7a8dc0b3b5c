import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { conditionRegex } from './condition_regex.js';

async function jumped(option: Record<string, unknown>, variables: Record<string, string>): Promise<boolean> {
  const run = fakeContext('condition_regex', { false_target_id: 'no', ...option }, { state: { variables } });
  await conditionRegex.run(run.context);
  return run.jumps.length > 0;
}

describe('condition_regex', () => {
  it('falls through on a match anywhere in the value, and jumps to false_target_id otherwise', async () => {
    expect(await jumped({ variable: 'cid', pattern: '^\\+1555' }, { cid: '+15551230000' })).toBe(false);
    expect(await jumped({ variable: 'cid', pattern: '^\\+1555' }, { cid: '+14155550123' })).toBe(true);
    expect(await jumped({ variable: 'cid', pattern: '555' }, { cid: '+14155550123' })).toBe(false);
  });

  it('cuts a long value, and treats an unset variable as empty', async () => {
    expect(await jumped({ variable: 'long', pattern: '^a{256}$' }, { long: 'a'.repeat(300) })).toBe(false);
    expect(await jumped({ variable: 'missing', pattern: '^\\d+$' }, {})).toBe(true);
    expect(await jumped({ variable: 'missing', pattern: '.*' }, {})).toBe(false);
  });

  it('keeps the first capture group, else the match, in capture_to', async () => {
    const run = fakeContext('condition_regex', { variable: 'digits', pattern: '^([0-9]+)#?$', false_target_id: 'no', capture_to: 'number' }, { state: { variables: { digits: '2125550100#' } } });
    await conditionRegex.run(run.context);
    expect(run.variables.number).toBe('2125550100');
    const whole = fakeContext('condition_regex', { variable: 'digits', pattern: '\\d+', false_target_id: 'no', capture_to: 'number' }, { state: { variables: { digits: 'a42' } } });
    await conditionRegex.run(whole.context);
    expect(whole.variables.number).toBe('42');
    const missed = fakeContext('condition_regex', { variable: 'digits', pattern: '^\\d+$', false_target_id: 'no', capture_to: 'number' }, { state: { variables: { digits: 'x' } } });
    await conditionRegex.run(missed.context);
    expect(missed.variables.number).toBeUndefined();
  });
});
