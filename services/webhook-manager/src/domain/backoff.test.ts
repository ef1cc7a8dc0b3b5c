import { describe, expect, it } from '@jest/globals';
import { parseRetryAfter, retryDelayMs } from './backoff.js';

describe('retry delays', () => {
  const options = { baseMs: 1000, maxMs: 10_000 };

  it('doubles each try, with jitter between half and the whole step, capped', () => {
    const low = { ...options, random: () => 0 };
    const high = { ...options, random: () => 1 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, low))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, high))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('waits as long as Retry-After asks, within the cap', () => {
    const low = { ...options, random: () => 0 };
    expect(retryDelayMs(1, low, 3000)).toBe(3000);
    expect(retryDelayMs(1, low, 60_000)).toBe(10_000);
    expect(retryDelayMs(3, low, 100)).toBe(2000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
