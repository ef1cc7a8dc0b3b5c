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
});
