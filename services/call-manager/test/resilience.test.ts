import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { callManager } from '@voxmesh/contracts';
import { BreakerRegistry, MeshMetrics, RpcClient } from '@voxmesh/mesh';
import { createRegistry } from '@voxmesh/telemetry';
import { CallEnv, eventually } from './harness.js';

/** The media server restarting under call-manager, call-manager stopping under its calls, and the duration cap. */
describe('resilience', () => {
  const env = new CallEnv();

  beforeAll(async () => {
    await env.start({ callFlags: ['-max_call_duration_ms', '1500'] });
    env.sim.setDestination('+15557000', { answer: 'answer', after_ms: 200 });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  it('hangs up a call that outlives the maximum duration with reason timeout', async () => {
    await env.flow('+15550301', [{ id: 'a1', type: 'answer' }, { id: 'a2', type: 'sleep', option: { duration: 3_600_000 } }]);
    const uuid = env.sim.placeCall({ from: '+15552000', to: '+15550301' });
    const call = await env.callOfChannel(uuid);
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 10_000);
    expect(ended).toMatchObject({ hangup_reason: 'timeout', hangup_by: 'local', hangup_cause: 'ALLOTTED_TIMEOUT' });
    expect(Date.parse(ended.tm_hangup!) - Date.parse(ended.tm_create)).toBeGreaterThanOrEqual(1500);
    expect(env.simCall(uuid).hangup_cause).toBe('ALLOTTED_TIMEOUT');
  });

  it('reconnects after the media server restarts; the calls it had end, new calls work', async () => {
    await env.flow('+15550302', [{ id: 'a1', type: 'answer' }, { id: 'a2', type: 'sleep', option: { duration: 3_600_000 } }]);
    await env.flow('+15550304', [{ id: 'a1', type: 'answer' }, { id: 'a2', type: 'sleep', option: { duration: 1000 } }, { id: 'a3', type: 'hangup' }]);
    const flow = await env.flows.call('createFlow', { body: { name: 'leg', account_id: 'acct-test', actions: [{ type: 'sleep', option: { duration: 3_600_000 } }] } });
    const shortFlow = await env.flows.call('createFlow', { body: { name: 'short leg', account_id: 'acct-test', actions: [{ type: 'sleep', option: { duration: 1000 } }] } });
    const before = env.sim.placeCall({ from: '+15552001', to: '+15550302' });
    const inbound = await env.callOfChannel(before);
    const outgoing = (await env.calls.call('createCalls', { body: { account_id: 'acct-test', destinations: [{ type: 'tel', target: '+15557000' }], flow_id: flow.id } })).calls[0]!;
    await env.callUntil(inbound.id, 'sleeping', (c) => c.action?.type === 'sleep');
    await env.callUntil(outgoing.id, 'sleeping', (c) => c.action?.type === 'sleep');
    const oldCore = env.callManager!.pool.servers[0]!.coreUuid;

    await env.sim.stop();
    const endedIn = await env.callUntil(inbound.id, 'hung up', (c) => c.status === 'hangup');
    const endedOut = await env.callUntil(outgoing.id, 'hung up', (c) => c.status === 'hangup');
    expect(endedIn.hangup_cause).toBe('SYSTEM_SHUTDOWN');
    expect(endedOut.hangup_cause).toBe('SYSTEM_SHUTDOWN');
    await eventually('call-manager to see the media server gone', () => !env.callManager!.pool.servers[0]!.connected);

    await env.startSim();
    env.sim.setDestination('+15557000', { answer: 'answer', after_ms: 200 });
    await eventually('call-manager to reconnect', () => env.callManager!.pool.servers[0]!.connected && env.callManager!.pool.servers[0]!.coreUuid !== oldCore, 20_000);
    const after = env.sim.placeCall({ from: '+15552002', to: '+15550304' });
    const call = await env.callUntil((await env.callOfChannel(after)).id, 'hung up', (c) => c.status === 'hangup');
    expect(call).toMatchObject({ hangup_reason: 'normal', hangup_by: 'local' });
    expect(env.simCall(after).applications.map((app) => app.name)).toEqual(['socket', 'answer', 'sleep', 'hangup']);
    const again = (await env.calls.call('createCalls', { body: { account_id: 'acct-test', destinations: [{ type: 'tel', target: '+15557000' }], flow_id: shortFlow.id } })).calls[0]!;
    expect((await env.callUntil(again.id, 'hung up', (c) => c.status === 'hangup')).hangup_reason).toBe('normal');
  });

  it('runs beside another replica: requests about a call reach the replica holding it, and so do its timeouts', async () => {
    const replica = await env.startReplica('second-replica');
    await env.flow('+15550305', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'digits_receive', option: { duration: 300, length: 5 } },
      { id: 'a3', type: 'sleep', option: { duration: 3_600_000 } },
    ]);
    const uuid = env.sim.placeCall({ from: '+15552004', to: '+15550305' });
    // The gather's timeout is a delayed message to the replica holding the call, not to whichever takes it.
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'past the gather', (c) => c.action?.id === 'a3');
    expect(env.callManager!.registry.get(call.id)).toBeDefined();
    expect(replica.registry.get(call.id)).toBeUndefined();
    const replies = await Promise.all(Array.from({ length: 8 }, (_, n) => env.calls.call('play', { params: { id: call.id }, body: { media_urls: [`https://example.com/${n}.wav`] } })));
    expect(replies.every((reply) => reply.id === call.id && reply.status === 'progressing')).toBe(true);
    expect(env.simCall(uuid).apis.filter((api) => api.command === 'uuid_broadcast')).toHaveLength(8);
    // Asked on its own queue, the replica that does not hold the call hands the request on.
    const second = new RpcClient({
      contract: callManager.callManagerContract,
      broker: await env.testBroker(),
      queue: `${env.names.requestQueue('call-manager')}.second-replica`,
      publisher: 'test',
      metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
      breakers: new BreakerRegistry(),
    });
    const handedOn = await second.call('talk', { params: { id: call.id }, body: { text: 'handed on' } });
    expect(handedOn.id).toBe(call.id);
    expect(env.simCall(uuid).apis.map((api) => api.arg)).toContain(`${uuid} 'speak::flite|slt|handed on' aleg`);
    await env.calls.call('hangupCall', { params: { id: call.id }, body: {} });
    expect((await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup')).hangup_by).toBe('local');

    // connect's confbridge and legs are made where the caller's call lives, whichever replica flow-manager reached.
    await env.flow('+15550306', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'connect', option: { destinations: [{ type: 'tel', target: '+15557000' }] } },
    ]);
    const callers = Array.from({ length: 4 }, (_, n) => env.sim.placeCall({ from: `+1555201${n}`, to: '+15550306' }));
    for (const uuid of callers) {
      const bridged = await eventually('bridged', () => env.simCall(uuid).bridged_to);
      const master = await env.callOfChannel(uuid);
      expect(env.callManager!.registry.get(master.id)).toBeDefined();
      expect(env.callManager!.registry.byChannelId(bridged)).toBeDefined();
      env.sim.hangup(uuid);
    }
  });

  it('on a graceful stop takes no new calls and hangs up the ones it holds cleanly', async () => {
    await env.flow('+15550303', [{ id: 'a1', type: 'answer' }, { id: 'a2', type: 'sleep', option: { duration: 3_600_000 } }]);
    const uuid = env.sim.placeCall({ from: '+15552003', to: '+15550303' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'sleeping', (c) => c.action?.type === 'sleep');
    await env.stopCallManager();
    expect(env.simCall(uuid).hangup_cause).toBe('MANAGER_REQUEST');
    await env.startCallManager(['-max_call_duration_ms', '1500']);
    const ended = await env.getCall(call.id);
    expect(ended).toMatchObject({ status: 'hangup', hangup_by: 'local', hangup_reason: 'failed', hangup_cause: 'MANAGER_REQUEST' });
    const activeflow = await env.flows.call('getActiveflow', { params: { id: call.activeflow_id } });
    expect(activeflow.status).toBe('ended');
  });
});
