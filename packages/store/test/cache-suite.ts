import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LockBusyError, withLock, type Cache } from '../src/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The cache contract, run against the in-memory cache and Redis alike. */
export function cacheSuite(label: string, open: () => Promise<Cache>): void {
  describe(`${label}: cache`, () => {
    let cache: Cache;
    beforeAll(async () => {
      cache = await open();
    });
    afterAll(async () => {
      await cache?.close();
    });

    it('takeToken: a bucket gives its burst at once, then refuses with the wait, then refills', async () => {
      const key = `bucket-${Math.random()}`;
      const takes = [];
      for (let i = 0; i < 4; i++) takes.push(await cache.takeToken(key, 10, 3));
      expect(takes.map((take) => take.allowed)).toEqual([true, true, true, false]);
      expect(takes[3]!.retryAfterMs).toBeGreaterThan(0);
      expect(takes[3]!.retryAfterMs).toBeLessThanOrEqual(100);
      await sleep(150);
      expect((await cache.takeToken(key, 10, 3)).allowed).toBe(true);
      expect((await cache.takeToken(key, 10, 3)).allowed).toBe(false);
      // Another key has a bucket of its own.
      expect((await cache.takeToken(`${key}-other`, 10, 3)).allowed).toBe(true);
    });

    it('gets what was set, and nothing after delete', async () => {
      await cache.set('k1', 'v1');
      expect(await cache.get('k1')).toBe('v1');
      await cache.del('k1');
      expect(await cache.get('k1')).toBeNull();
    });

    it('forgets a value after its TTL', async () => {
      await cache.set('k2', 'v2', 80);
      expect(await cache.get('k2')).toBe('v2');
      await sleep(200);
      expect(await cache.get('k2')).toBeNull();
    });

    it('gives a lock to one holder, releases only with its token, and expires it', async () => {
      const token = await cache.acquireLock('lock1', 150);
      expect(token).not.toBeNull();
      expect(await cache.acquireLock('lock1', 150)).toBeNull();
      expect(await cache.releaseLock('lock1', 'not-the-token')).toBe(false);
      expect(await cache.releaseLock('lock1', token!)).toBe(true);
      const again = await cache.acquireLock('lock1', 50);
      expect(again).not.toBeNull();
      await sleep(150);
      expect(await cache.acquireLock('lock1', 50)).not.toBeNull();
    });

    it('writes a value and releases a lock in one go where the cache offers it, only with the token', async () => {
      if (!cache.setAndReleaseLock) return;
      const token = await cache.acquireLock('lock4', 10_000);
      expect(await cache.setAndReleaseLock('k4', 'v1', 10_000, 'lock4', 'not-the-token')).toBe(false);
      expect(await cache.get('k4')).toBe('v1');
      expect(await cache.acquireLock('lock4', 10_000)).toBeNull();
      expect(await cache.setAndReleaseLock('k4', 'v2', 10_000, 'lock4', token!)).toBe(true);
      expect(await cache.get('k4')).toBe('v2');
      expect(await cache.acquireLock('lock4', 10_000)).not.toBeNull();
    });

    it('runs work under withLock one at a time', async () => {
      let active = 0;
      let maxActive = 0;
      await Promise.all(
        Array.from({ length: 5 }, () =>
          withLock(cache, 'lock2', { ttlMs: 2000, waitMs: 5000, retryEveryMs: 5 }, async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            await sleep(20);
            active--;
          }),
        ),
      );
      expect(maxActive).toBe(1);
    });

    it('gives up with LockBusyError when the lock stays held', async () => {
      await cache.acquireLock('lock3', 5000);
      await expect(withLock(cache, 'lock3', { ttlMs: 100, waitMs: 50 }, async () => 'never')).rejects.toBeInstanceOf(LockBusyError);
    });
  });
}
