import { describe, expect, it } from '@jest/globals';
import type { HeldCall } from '../calls/live-call.js';
import { KeyWaiters } from './key-waiters.js';

describe('KeyWaiters', () => {
  it('runs the work on the whole sequence, takes its partial digits, starts over on a digit that breaks it', async () => {
    const keys = new KeyWaiters();
    const call = {} as HeldCall;
    let done = 0;
    keys.wait(call, '*1', async () => void done++);
    expect(keys.take(call, '5')).toBeUndefined();
    expect(keys.take(call, '*')).toBeDefined();
    expect(keys.take(call, '2')).toBeUndefined();
    await keys.take(call, '*')!();
    expect(done).toBe(0);
    await keys.take(call, '1')!();
    expect(done).toBe(1);
    // Taken once.
    expect(keys.take(call, '*')).toBeUndefined();
  });

  it('forgets a waiter only for its own keys', () => {
    const keys = new KeyWaiters();
    const call = {} as HeldCall;
    keys.wait(call, '1', async () => undefined);
    keys.forget(call, '*1');
    expect(keys.take(call, '1')).toBeDefined();
    keys.wait(call, '1', async () => undefined);
    keys.forget(call, '1');
    expect(keys.take(call, '1')).toBeUndefined();
  });
});
