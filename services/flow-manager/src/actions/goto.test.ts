import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { goto } from './goto.js';

describe('goto', () => {
  it('always jumps without a loop count', async () => {
    const run = fakeContext('goto', { target_id: 'top' });
    await goto.run(run.context);
    await goto.run(run.context);
    expect(run.jumps).toHaveLength(2);
  });

  it('counts down on the stored action and falls through at zero', async () => {
    const run = fakeContext('goto', { target_id: 'top', loop_count: 2 });
    for (let i = 0; i < 4; i++) await goto.run(run.context);
    expect(run.jumps).toEqual([
      { targetId: 'top', field: 'option.target_id' },
      { targetId: 'top', field: 'option.target_id' },
    ]);
    expect(run.context.stored.option.loop_count).toBe(0);
  });
});
