import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import {
  freePort,
  mysqlTarget,
  privateRabbitAvailable,
  privateRedisAvailable,
  startPrivateRabbit,
  startPrivateRedisGroup,
  type PrivateRabbit,
  type PrivateRedisGroup,
} from '@voxmesh/testkit';
import { ApiClient, eventually, simulatedCalls, spawnPlatform, spoken } from './spawned-platform.js';

/**
 * The platform as a cluster runs it: a list of broker nodes (the first one dead), quorum
 * queues, Redis found through Sentinel and a bounded MySQL pool, all from flags. The
 * broker and Redis are the test's own, so nothing is left on the machine's.
 */
const describeWithServers = privateRabbitAvailable() && privateRedisAvailable() ? describe : describe.skip;

describeWithServers('the platform on cluster flags', () => {
  let rabbit: PrivateRabbit;
  let redis: PrivateRedisGroup;
  const database = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'voxmesh-cluster-'));

  beforeAll(async () => {
    [rabbit, redis] = await Promise.all([startPrivateRabbit({ name: 'platform' }), startPrivateRedisGroup({ replicas: 1 })]);
  }, 120_000);

  afterAll(async () => {
    await rabbit?.stop();
    await redis?.stop();
    const connection = await mysql.createConnection(mysqlTarget);
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await connection.end();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('starts, places a call through quorum queues, and reports where each part is', async () => {
    const dead = await freePort();
    const sentinel = `${redis.sentinels[0]!.host}:${redis.sentinels[0]!.port}`;
    const platform = await spawnPlatform([
      ...['-data_dir', dataDir],
      ...['-rabbit_addr', `amqp://guest:guest@127.0.0.1:${dead},${rabbit.url}`, '-rabbit_queue_type', 'quorum'],
      ...['-redis_sentinels', sentinel, '-redis_master_name', redis.masterName],
      ...['-dbDSN', `${mysqlTarget.user}:${mysqlTarget.password}@tcp(${mysqlTarget.host}:${mysqlTarget.port})/${database}`, '-db_pool_limit', '4', '-db_queue_limit', '1000'],
    ]);
    try {
      expect(platform.output()).toContain(`amqp://guest:***@127.0.0.1:${dead}, amqp://guest:***@127.0.0.1:${rabbit.port} (quorum queues)`);
      expect(platform.output()).toContain(`redis master ${redis.masterName} from sentinels ${sentinel}`);
      const api = await ApiClient.signIn(platform.api, platform.keyLine);
      const made = await api.request('PUT', `/accounts/${platform.account}/callflows`, { name: 'clustered', numbers: ['+15557780001'], flow: { module: 'tts', data: { text: 'on a cluster' } } });
      expect(made.status).toBe(201);
      await fetch(`${platform.control}/calls`, { method: 'POST', body: JSON.stringify({ from: '+15550001', to: '+15557780001' }) });
      const call = await eventually(async () => (await simulatedCalls(platform.control)).find((each) => each.to === '+15557780001' && each.destroyed));
      expect(spoken(call)).toEqual(['on a cluster']);

      const rows = (await rabbit.ctl(['list_queues', 'name', 'type', 'durable']))
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/\s+/));
      const durable = rows.filter((row) => row[2] === 'true');
      expect(durable.length).toBeGreaterThan(5);
      expect(durable.filter((row) => row[1] !== 'quorum')).toEqual([]);
      expect(await platform.stop()).toBe(0);
    } finally {
      await platform.stop('SIGKILL');
    }
  }, 120_000);
});
