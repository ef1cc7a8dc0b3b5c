import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/**
 * Kazoo's `resources` and `offnet` modules end to end: carriers kept by
 * customer-manager, picked by rule and weight by call-manager, failed over with
 * FreeSWITCH's bridge on esl-sim.
 */
describe('dialling out through carriers', () => {
  const env = new CallEnv();
  let accountId: string;

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Carrier Calls Co' } })).id;
    const local = { scope: accountId };
    const us = ['^\\+1(\\d{10})$'];
    await env.customers.call('createResource', { params: local, body: { name: 'Dear', gateways: [{ server: 'dear.example' }], rules: us, weight_cost: 90 } });
    await env.customers.call('createResource', { params: local, body: { name: 'Cheap', gateways: [{ server: 'cheap.example', prefix: '1' }], rules: us, weight_cost: 10 } });
    await env.customers.call('createResource', { params: local, body: { name: 'UK only', gateways: [{ server: 'uk.example' }], rules: ['^\\+44\\d+$'], weight_cost: 0 } });
    await env.customers.call('createResource', { params: { scope: 'system' }, body: { name: 'Platform', gateways: [{ server: 'platform.example' }], rules: ['^\\+\\d+$'] } });
    const apology = { _: { module: 'play', data: { id: 'https://media.example.com/cannot-connect.wav' } } };
    await env.flows.call('createFlow', { body: { account_id: accountId, patterns: ['^[2-9]\\d{9}$'], flow: { module: 'resources', data: {}, children: apology } } });
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: ['6001'], flow: { module: 'offnet', data: { to_did: '+15553330000' }, children: apology } } });
    const cidFlags = ['cid'];
    const block = ['^(\\+1555444\\d{4})$'];
    await env.customers.call('createResource', {
      params: local,
      body: { name: 'US callers only', gateways: [{ server: 'us-callers.example' }], rules: block, weight_cost: 5, flags: cidFlags, cid_rules: ['^\\+1\\d{10}$'] },
    });
    await env.customers.call('createResource', {
      params: local,
      body: {
        name: 'Formatting',
        gateways: [{ server: 'formatting.example' }],
        rules: block,
        weight_cost: 10,
        flags: cidFlags,
        formatters: { caller_id_number: [{ regex: '^\\+44(\\d+)$', prefix: '0' }], caller_id_name: { prefix: 'VM: ' } },
      },
    });
    await env.flows.call('createFlow', {
      body: {
        account_id: accountId,
        numbers: ['6002'],
        flow: {
          module: 'set_cid',
          data: { caller_id_number: '+442071234567', caller_id_name: 'London Office' },
          children: { _: { module: 'resources', data: { to_did: '+15554440000', outbound_flags: cidFlags }, children: apology } },
        },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const legsOf = (uuid: string) => env.sim.listCalls().filter((leg) => leg.direction === 'outbound' && leg.variables.originating_leg_uuid === uuid);

  it('tries the cheapest matching carrier first and fails over to the next on a failure cause', async () => {
    env.sim.setDestination('12125550100@cheap.example', { answer: 'busy', after_ms: 300 });
    env.sim.setDestination('2125550100@dear.example', { answer: 'answer', after_ms: 500 });
    const uuid = env.sim.placeCall({ from: '+15557001', to: '2125550100' });
    const call = await env.callOfChannel(uuid);
    const bridged = await eventually('the caller bridged through the second carrier', () => env.simCall(uuid).bridged_to ?? undefined, 20_000);
    expect(env.simCall(bridged).variables.channel_name).toBe('sofia/external/2125550100@dear.example');
    expect(legsOf(uuid).map((leg) => [leg.variables.channel_name, leg.hangup_cause])).toEqual([
      ['sofia/external/12125550100@cheap.example', 'USER_BUSY'],
      ['sofia/external/2125550100@dear.example', null],
    ]);
    const arg = env.simCall(uuid).applications.find((app) => app.name === 'bridge')!.arg;
    expect(arg).not.toContain('uk.example');
    expect(arg).not.toContain('platform.example');
    env.sim.hangup(bridged);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
  });

  it("dials a static to_did through the platform's carriers with offnet, and goes to `_` when every carrier fails", async () => {
    env.sim.setDestination('+15553330000@platform.example', { answer: 'reject', after_ms: 200 });
    const uuid = env.sim.placeCall({ from: '+15557002', to: '6001' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up after the apology', (c) => c.status === 'hangup', 20_000);
    expect(legsOf(uuid).map((leg) => [leg.variables.channel_name, leg.hangup_cause])).toEqual([['sofia/external/+15553330000@platform.example', 'CALL_REJECTED']]);
    expect(env.simCall(uuid).applications.map((app) => [app.name, app.arg])).toContainEqual(['playback', 'https://media.example.com/cannot-connect.wav']);
  });

  it("sends the caller ID the flow set through the carrier's formatters, skipping a carrier whose cid_rules it does not match", async () => {
    env.sim.setDestination('+15554440000@formatting.example', { answer: 'answer', after_ms: 200 });
    const uuid = env.sim.placeCall({ from: '+15557003', to: '6002' });
    const call = await env.callOfChannel(uuid);
    const bridged = await eventually('the caller bridged through the formatting carrier', () => env.simCall(uuid).bridged_to ?? undefined, 20_000);
    const leg = env.simCall(bridged);
    expect(leg.variables.channel_name).toBe('sofia/external/+15554440000@formatting.example');
    expect([leg.from, leg.caller_id_name]).toEqual(['02071234567', 'VM: London Office']);
    expect(env.simCall(uuid).applications.find((app) => app.name === 'bridge')!.arg).not.toContain('us-callers.example');
    env.sim.hangup(bridged);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
  });
});
