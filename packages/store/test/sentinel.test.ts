import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, privateRedisAvailable, startPrivateRedisGroup, type PrivateRedisGroup } from '@voxmesh/testkit';
import { Redis } from 'ioredis';
import { RedisCache } from '../src/index.js';
import { cacheSuite } from './cache-suite.js';

/**
 * `-redis_sentinels`: the same cache, its master found through Sentinel, on a master,
 * a replica and a sentinel of the test's own, so the master can be killed.
 */
const describeWithRedis = privateRedisAvailable() ? describe : describe.skip;

describeWithRedis('Redis through Sentinel', () => {
  let group: PrivateRedisGroup;
  const opened: RedisCache[] = [];
  const open = async (keyPrefix = `test-${randomUUID()}:`) => {
    const cache = new RedisCache({ sentinels: group.sentinels, masterName: group.masterName, db: 1, keyPrefix });
    opened.push(cache);
    await cache.connect();
    return cache;
  };

  beforeAll(async () => {
    group = await startPrivateRedisGroup({ replicas: 1 });
  }, 30_000);

  afterAll(async () => {
    for (const cache of opened) await cache.close();
    await group?.stop();
  });

  cacheSuite('Sentinel', () => open());

  it('follows the master to the replica the sentinel promotes when the master dies', async () => {
    const prefix = `test-${randomUUID()}:`;
    const cache = await open(prefix);
    await cache.set('kept', 'before the failover');
    const lock = await cache.acquireLock('lock', 60_000);
    expect(lock).not.toBeNull();
    // Let both writes reach the replica before the master goes.
    await eventually('the replica to hold the writes', async () => {
      const replicaRead = new Redis({ sentinels: group.sentinels, name: group.masterName, role: 'slave', db: 1, lazyConnect: true });
      replicaRead.on('error', () => undefined);
      try {
        await replicaRead.connect();
        return (await replicaRead.keys(`${prefix}*`)).length === 2;
      } finally {
        replicaRead.disconnect();
      }
    }, 10_000);
    const old = await group.killMaster();
    const promoted = await group.failedOverFrom(old);
    expect(promoted).not.toBe(old);
    const read = await eventually('the cache to read from the new master', () => cache.get('kept').catch(() => null), 20_000, 200);
    expect(read).toBe('before the failover');
    await cache.set('written', 'after the failover');
    expect(await cache.get('written')).toBe('after the failover');
    // The lock moved with the data: it is still held, and only its token releases it.
    expect(await cache.acquireLock('lock', 1000)).toBeNull();
    expect(await cache.releaseLock('lock', lock!)).toBe(true);
    expect(await cache.ping()).toBe(true);
  }, 60_000);
});
