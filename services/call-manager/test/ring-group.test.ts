import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/**
 * Kazoo's `ring_group` end to end: a group of a user and a device kept by
 * customer-manager, rung by call-manager with FreeSWITCH's bridge on esl-sim.
 */
describe('ring groups', () => {
  const env = new CallEnv();
  let accountId: string;
  let groupId: string;
  let bobDesk: string;

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Ring Group Co' } })).id;
    const params = { account_id: accountId };
    const cleo = (await env.customers.call('createUser', { params, body: { username: 'cleo', password: 'cleo-password' } })).id;
    await env.customers.call('createDevice', { params, body: { name: 'cleo-desk', owner_id: cleo, sip: { username: 'cleo-desk' } } });
    bobDesk = (await env.customers.call('createDevice', { params, body: { name: 'bob-desk', sip: { username: 'bob-desk' } } })).id;
    groupId = (await env.customers.call('createGroup', { params, body: { name: 'Front desk', endpoints: { [cleo]: { type: 'user' } } } })).id;
    const prompt = { module: 'play', data: { id: 'https://media.example.com/all-busy.wav' } };
    await env.flows.call('createFlow', {
      body: {
        account_id: accountId,
        numbers: ['3001'],
        flow: {
          module: 'ring_group',
          data: { endpoints: [{ endpoint_type: 'group', id: groupId, timeout: 10 }, { endpoint_type: 'device', id: bobDesk, delay: 2, timeout: 5 }], timeout: 12 },
          children: { _: prompt },
        },
      },
    });
    await env.flows.call('createFlow', {
      body: {
        account_id: accountId,
        numbers: ['3002'],
        flow: {
          module: 'ring_group',
          data: { endpoints: [{ endpoint_type: 'device', id: bobDesk, timeout: 2 }, { endpoint_type: 'group', id: groupId, delay: 1, timeout: 2 }], strategy: 'single', repeats: 2 },
          children: { _: prompt },
        },
      },
    });
    await env.flows.call('createFlow', {
      body: {
        account_id: accountId,
        numbers: ['3003'],
        flow: {
          module: 'ring_group',
          data: { endpoints: [{ endpoint_type: 'group', id: groupId, timeout: 2, weight: 1 }, { endpoint_type: 'device', id: bobDesk, timeout: 2, weight: 100 }], strategy: 'weighted_random' },
          children: { _: prompt },
        },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const legOf = (uuid: string, username: string) =>
    env.sim.listCalls().find((call) => call.direction === 'outbound' && call.to === username && call.variables.originating_leg_uuid === uuid)!;
  const simMs = (iso: string) => Date.parse(iso);

  it('rings the group and a delayed device together; the delayed device answers and wins', async () => {
    env.sim.setDestination('cleo-desk', { answer: 'no_answer' });
    env.sim.setDestination('bob-desk', { answer: 'answer', after_ms: 500 });
    const uuid = env.sim.placeCall({ from: '+15556001', to: '3001' });
    const call = await env.callOfChannel(uuid);
    const bridged = await eventually('the caller bridged', () => env.simCall(uuid).bridged_to ?? undefined);
    expect(env.simCall(bridged).to).toBe('bob-desk');
    const cleo = legOf(uuid, 'cleo-desk');
    expect(cleo.hangup_cause).toBe('LOSE_RACE');
    // bob-desk waited its 2 s (placed in the third second, as the switch counts them).
    expect(simMs(env.simCall(bridged).created_at) - simMs(cleo.created_at)).toBeGreaterThanOrEqual(2900);
    expect(env.simCall(uuid).applications.find((app) => app.name === 'bridge')!.arg).toMatch(/^\{[^}]*originate_timeout=12[^}]*\}/);
    env.sim.hangup(bridged);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
  });

  it('rings in turn, each endpoint for its timeout, again for `repeats`, then goes to `_`', async () => {
    env.sim.setDestination('cleo-desk', { answer: 'no_answer' });
    env.sim.setDestination('bob-desk', { answer: 'no_answer' });
    const uuid = env.sim.placeCall({ from: '+15556002', to: '3002' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up after the prompt', (c) => c.status === 'hangup', 30_000);
    const apps = env.simCall(uuid).applications;
    const bridges = apps.filter((app) => app.name === 'bridge');
    expect(bridges).toHaveLength(2);
    expect(bridges[0]!.arg).toContain('user/bob-desk@');
    expect(bridges[0]!.arg.indexOf('user/bob-desk@')).toBeLessThan(bridges[0]!.arg.indexOf('|'));
    expect(bridges[0]!.arg.indexOf('user/cleo-desk@')).toBeGreaterThan(bridges[0]!.arg.indexOf('|'));
    expect(apps.map((app) => [app.name, app.arg])).toContainEqual(['playback', 'https://media.example.com/all-busy.wav']);
    const legs = env.sim.listCalls().filter((leg) => leg.direction === 'outbound' && leg.variables.originating_leg_uuid === uuid);
    expect(legs.map((leg) => leg.to)).toEqual(['bob-desk', 'cleo-desk', 'bob-desk', 'cleo-desk']);
    expect(legs.every((leg) => leg.hangup_cause === 'ALLOTTED_TIMEOUT')).toBe(true);
    // Alone in its turn, a delayed endpoint is not held back: the switch brings it forward (check_per_channel_timeouts).
    expect(simMs(legs[1]!.created_at) - simMs(legs[0]!.hangup_at!)).toBeLessThan(500);
    expect(simMs(legs[0]!.hangup_at!) - simMs(legs[0]!.created_at)).toBeGreaterThanOrEqual(2900);
  });

  it('weighted_random rings each endpoint in turn in an order drawn by weight, then goes to `_`', async () => {
    env.sim.setDestination('cleo-desk', { answer: 'no_answer' });
    env.sim.setDestination('bob-desk', { answer: 'no_answer' });
    const uuid = env.sim.placeCall({ from: '+15556003', to: '3003' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up after the prompt', (c) => c.status === 'hangup', 30_000);
    const apps = env.simCall(uuid).applications;
    const bridge = apps.find((app) => app.name === 'bridge')!.arg;
    expect(bridge).toMatch(/^\{[^}]*originate_continue_on_timeout=true[^}]*\}/);
    expect(bridge.split('|')).toHaveLength(2);
    expect(apps.map((app) => [app.name, app.arg])).toContainEqual(['playback', 'https://media.example.com/all-busy.wav']);
    const legs = env.sim.listCalls().filter((leg) => leg.direction === 'outbound' && leg.variables.originating_leg_uuid === uuid);
    expect(legs.map((leg) => leg.to).sort()).toEqual(['bob-desk', 'cleo-desk']);
    expect(legs.every((leg) => leg.hangup_cause === 'ALLOTTED_TIMEOUT')).toBe(true);
  });
});
