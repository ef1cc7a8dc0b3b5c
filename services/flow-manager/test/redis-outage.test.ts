import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FlowManagerEnv, OwnRedis, redisKeys, sleep } from './harness.js';

const FINISH = '00000000-0000-0000-0000-000000000002';

/**
 * Redis holds copies only: frozen, then killed in the middle of a flow, it costs
 * speed and nothing else. The Redis here is the test's own, started on a free port.
 */
describe('flow-manager when its Redis goes away mid-flow', () => {
  const redis = new OwnRedis();
  let env: FlowManagerEnv;
  let address: string;

  beforeAll(async () => {
    address = await redis.start();
    env = new FlowManagerEnv('servers', address);
    await env.start();
  });

  afterAll(async () => {
    redis.resume();
    await env?.close();
    await redis.stop();
  });

  it('keeps running the flow from MySQL, in order, exactly once per step', async () => {
    const talks = ['one', 'two', 'three', 'four', 'five'].map((text) => ({ id: text, type: 'talk', option: { text } }));
    const flow = await env.ok('POST', '/v1/flows', { actions: [{ id: 'answer', type: 'answer' }, ...talks, { id: 'bye', type: 'hangup' }] });
    const activeflow = await env.ok('POST', '/v1/activeflows', { call_id: 'call-1', flow_id: flow.id });
    const next = (current?: string) => env.ok('GET', `/v1/activeflows/${activeflow.id}/next`, current ? { current_action_id: current } : {});

    expect((await next()).id).toBe('answer');
    expect(await redisKeys(address, `${env.namespace}:flow-manager:activeflow:*`)).toHaveLength(1);

    // Frozen: the socket stays open but nothing answers.
    redis.pause();
    expect((await next('answer')).id).toBe('one');
    expect((await next('one')).id).toBe('two');
    const stale = await env.request('GET', `/v1/activeflows/${activeflow.id}/next`, { current_action_id: 'one' });
    expect(stale.status_code).toBe(409);

    // Awake again, holding copies from before the freeze: they must not be believed.
    redis.resume();
    // Past the cache's cool-down, so flow-manager is talking to this Redis again.
    await sleep(2500);
    expect((await next('two')).id).toBe('three');
    expect(await env.ok('GET', `/v1/activeflows/${activeflow.id}`)).toMatchObject({ current_action: { id: 'three' }, execute_count: 4 });

    // Gone for good.
    await redis.stop();
    expect((await next('three')).id).toBe('four');
    const other = await env.ok('POST', '/v1/activeflows', { call_id: 'call-2', flow_id: flow.id });
    await env.ok('GET', `/v1/activeflows/${other.id}/next`, {});
    const replies = await Promise.all(Array.from({ length: 50 }, () => env.request('GET', `/v1/activeflows/${other.id}/next`, { current_action_id: 'answer' })));
    expect(replies.filter((reply) => reply.status_code === 200)).toHaveLength(1);
    expect(replies.filter((reply) => reply.status_code === 409)).toHaveLength(49);

    expect((await next('four')).id).toBe('five');
    expect((await next('five')).id).toBe('bye');
    expect((await next('bye')).id).toBe(FINISH);
    expect(await env.ok('GET', `/v1/activeflows/${activeflow.id}`)).toMatchObject({ status: 'ended', execute_count: 7 });
    expect(await env.ok('GET', `/v1/activeflows/${other.id}`)).toMatchObject({ current_action: { id: 'one' }, execute_count: 2 });
  });
});
