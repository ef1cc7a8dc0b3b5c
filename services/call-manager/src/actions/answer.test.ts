import { describe, expect, it } from '@jest/globals';
import { answer } from './answer.js';
import { fakeRun } from './test-support.js';

describe('answer', () => {
  it('runs the answer application and waits for it', async () => {
    const { run, did } = fakeRun('answer', {});
    await answer.start(run);
    expect(did).toEqual(['answer']);
    expect(answer.manual).toBeUndefined();
  });
});
