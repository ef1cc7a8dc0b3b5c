import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { variableSet } from './variable_set.js';

describe('variable_set', () => {
  it('sets the variable, a number written as its text', async () => {
    const run = fakeContext('variable_set', { key: 'attempts', value: 3 });
    await expect(variableSet.run(run.context)).resolves.toEqual({ kind: 'continue' });
    expect(run.variables).toEqual({ attempts: '3' });
  });
});
