import { describe, expect, it } from '@jest/globals';
import { MemoryCache } from '@voxmesh/store';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { FlowMetrics } from '../metrics.js';
import { ResilientCache } from './resilient-cache.js';

/** A cache that can be made to hang (a frozen Redis) or to fail (a dead one). */
class Flaky extends MemoryCache {
  mode: 'up' | 'hang' | 'fail' = 'up';
  calls = 0;
  private gate(): Promise<void> {
    this.calls++;
    if (this.mode === 'hang') return new Promise(() => undefined);
    if (this.mode === 'fail') return Promise.reject(new Error('connection refused'));
    return Promise.resolve();
  }
  override async get(key: string) {
    await this.gate();
    return super.get(key);
  }
  override async set(key: string, value: string, ttlMs?: number) {
    await this.gate();
    return super.set(key, value, ttlMs);
  }
  override async del(key: string) {
    await this.gate();
    return super.del(key);
  }
  override async acquireLock(key: string, ttlMs: number) {
    await this.gate();
    return super.acquireLock(key, ttlMs);
  }
}

function build(inner: Flaky) {
  const metrics = new FlowMetrics(createRegistry({ defaultMetrics: false }), async () => 0);
  return { cache: new ResilientCache(inner, { operationTimeoutMs: 30, cooldownMs: 100, logger: silentLogger(), metrics }), metrics };
}

describe('the resilient cache', () => {
  it('gives up on a hanging cache after the timeout, then leaves it alone for the cool-down', async () => {
    const inner = new Flaky();
    const { cache } = build(inner);
    inner.mode = 'hang';
    const started = Date.now();
    expect(await cache.get('k')).toBeNull();
    expect(Date.now() - started).toBeLessThan(500);
    const calls = inner.calls;
    expect(await cache.get('k')).toBeNull();
    await cache.set('k', 'v', 1000);
    expect(inner.calls).toBe(calls);
    expect(await cache.tryLock('lock', 1000)).toEqual({ kind: 'unavailable' });
  });

  it('once back, deletes the keys it could not write while away, and the locks it may have taken', async () => {
    const inner = new Flaky();
    const { cache, metrics } = build(inner);
    await cache.set('state', 'old', 10_000);
    inner.mode = 'fail';
    await cache.set('state', 'new', 10_000);
    await inner.acquireLock('lock', 10_000).catch(() => undefined);
    expect(await cache.tryLock('lock', 10_000)).toEqual({ kind: 'unavailable' });
    expect((await metrics.cacheAvailable.get()).values[0]!.value).toBe(0);
    inner.mode = 'up';
    // A lock taken late by a request that had timed out.
    await inner.acquireLock('lock', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await cache.get('other')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await inner.get('state')).toBeNull();
    expect(await cache.tryLock('lock', 10_000)).toMatchObject({ kind: 'acquired' });
    expect((await metrics.cacheAvailable.get()).values[0]!.value).toBe(1);
  });
});
