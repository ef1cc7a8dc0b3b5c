import { describe, expect, it } from '@jest/globals';
import { sleep } from './sleep.js';
import { fakeRun } from './test-support.js';

describe('sleep', () => {
  it('runs the sleep application for the duration', async () => {
    const { run, did } = fakeRun('sleep', { duration: 1500 });
    await sleep.start(run);
    expect(did).toEqual(['sleep 1500']);
  });
});
