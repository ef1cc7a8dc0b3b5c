import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { conditionVariable } from './condition_variable.js';

async function jumped(option: Record<string, unknown>, variables: Record<string, string>): Promise<boolean> {
  const run = fakeContext('condition_variable', { false_target_id: 'no', ...option }, { state: { variables } });
  await conditionVariable.run(run.context);
  return run.jumps.length > 0;
}

describe('condition_variable', () => {
  it('falls through when true and jumps to false_target_id when false', async () => {
    expect(await jumped({ condition: '==', variable: 'tier', value_string: 'gold' }, { tier: 'gold' })).toBe(false);
    expect(await jumped({ condition: '==', variable: 'tier', value_string: 'gold' }, { tier: 'iron' })).toBe(true);
  });

  it('compares numbers and lengths, and a value that is not a number compares false', async () => {
    expect(await jumped({ condition: '>', variable: 'n', value_type: 'number', value_number: 3 }, { n: '10' })).toBe(false);
    expect(await jumped({ condition: '>', variable: 'n', value_type: 'number', value_number: 3 }, { n: 'ten' })).toBe(true);
    expect(await jumped({ condition: '>=', variable: 'pin', value_type: 'length', value_length: 4 }, { pin: '1234' })).toBe(false);
  });
});
