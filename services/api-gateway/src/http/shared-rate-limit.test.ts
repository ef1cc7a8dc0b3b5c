import { describe, expect, it } from '@jest/globals';
import { MemoryCache, type Cache } from '@voxmesh/store';
import { RateLimiter } from './rate-limit.js';
import { SharedRateLimiter } from './shared-rate-limit.js';

describe('SharedRateLimiter', () => {
  it('shares one bucket among limiters on the same cache', async () => {
    const cache = new MemoryCache();
    const make = () => new SharedRateLimiter({ cache, prefix: 'auth:', rate: 1, burst: 2, fallback: new RateLimiter(1, 2) });
    const [a, b] = [make(), make()];
    expect((await a.take('10.0.0.1')).allowed).toBe(true);
    expect((await b.take('10.0.0.1')).allowed).toBe(true);
    const refused = await a.take('10.0.0.1');
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await b.take('10.0.0.2')).allowed).toBe(true);
  });

  it("falls back to the replica's own bucket when the cache fails or stalls", async () => {
    const failing = { takeToken: async () => Promise.reject(new Error('down')) } as unknown as Cache;
    const stalled = { takeToken: () => new Promise(() => undefined) } as unknown as Cache;
    for (const cache of [failing, stalled]) {
      const limiter = new SharedRateLimiter({ cache, prefix: 'auth:', rate: 1, burst: 1, fallback: new RateLimiter(1, 1), timeoutMs: 20 });
      expect((await limiter.take('10.0.0.1')).allowed).toBe(true);
      expect((await limiter.take('10.0.0.1')).allowed).toBe(false);
    }
  });

  it('lets everything through when the rate is 0 (no limit)', async () => {
    const limiter = new SharedRateLimiter({ cache: new MemoryCache(), prefix: 'auth:', rate: 0, burst: 0, fallback: new RateLimiter(0, 0) });
    for (let i = 0; i < 10; i++) expect((await limiter.take('x')).allowed).toBe(true);
  });
});
