import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { sleep } from './sleep.js';

describe('sleep without a call', () => {
  it('parks the run for the duration', async () => {
    await expect(sleep.run(fakeContext('sleep', { duration: 1500 }, { headless: true }).context)).resolves.toEqual({ kind: 'wait', delayMs: 1500 });
  });
});
