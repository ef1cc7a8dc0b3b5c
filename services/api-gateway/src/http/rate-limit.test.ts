import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limit.js';

describe('token buckets', () => {
  it('allows the burst, then refuses with the wait until the next token, and refills', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 500;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('is off at rate 0 and forgets full buckets when it holds too many keys', () => {
    expect(new RateLimiter(0, 0).take('x').allowed).toBe(true);
    let now = 0;
    const limiter = new RateLimiter(10, 1, () => now, 2);
    limiter.take('a');
    limiter.take('b');
    now += 1000;
    expect(limiter.take('c').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(true);
  });
});
