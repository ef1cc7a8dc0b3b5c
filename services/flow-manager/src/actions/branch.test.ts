import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { branch } from './branch.js';

describe('branch', () => {
  it('jumps on the digits by default and clears them for a menu that loops', async () => {
    const run = fakeContext('branch', { target_ids: { '1': 'sales' }, default_target_id: 'operator' }, { state: { variables: { 'voipbin.call.digits': '1' } } });
    await expect(branch.run(run.context)).resolves.toEqual({ kind: 'continue' });
    expect(run.jumps).toEqual([{ targetId: 'sales', field: 'option.target_ids.1' }]);
    expect(run.variables['voipbin.call.digits']).toBe('');
  });

  it('takes the default on no match and keeps the variable when asked', async () => {
    const run = fakeContext('branch', { variable: 'tier', target_ids: { gold: 'vip' }, default_target_id: 'rest', keep_variable: true }, { state: { variables: { tier: 'bronze' } } });
    await branch.run(run.context);
    expect(run.jumps).toEqual([{ targetId: 'rest', field: 'option.default_target_id' }]);
    expect(run.variables.tier).toBe('bronze');
  });

  it('records a miss with no default and falls through', async () => {
    const run = fakeContext('branch', { target_ids: { '1': 'sales' } }, { state: { variables: { 'voipbin.call.digits': '9' } } });
    await expect(branch.run(run.context)).resolves.toEqual({ kind: 'continue' });
    expect(run.jumps).toEqual([]);
    expect(run.failures.map((failure) => failure.reason)).toEqual(['NO_BRANCH_TARGET']);
  });

  it('does not take a key of Object.prototype for a target', async () => {
    const run = fakeContext('branch', { target_ids: { '1': 'sales' }, default_target_id: 'operator' }, { state: { variables: { 'voipbin.call.digits': 'constructor' } } });
    await branch.run(run.context);
    expect(run.jumps).toEqual([{ targetId: 'operator', field: 'option.default_target_id' }]);
  });
});
