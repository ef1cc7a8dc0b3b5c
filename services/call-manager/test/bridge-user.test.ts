import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/**
 * Kazoo's `user` and `device` callflow modules end to end: flow-manager compiles them
 * into a bridge, call-manager looks the devices up in customer-manager and rings them
 * with FreeSWITCH's bridge application on esl-sim.
 */
describe('ringing a user and a device', () => {
  const env = new CallEnv();
  let accountId: string;
  let userId: string;
  const devices: Record<string, string> = {};

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Bridging Co' } })).id;
    userId = (await env.customers.call('createUser', { params: { account_id: accountId }, body: { username: 'ann', password: 'ann-password' } })).id;
    for (const name of ['ann-desk', 'ann-soft']) {
      devices[name] = (await env.customers.call('createDevice', { params: { account_id: accountId }, body: { name, owner_id: userId, sip: { username: name } } })).id;
    }
    await env.flows.call('createFlow', {
      body: {
        account_id: accountId,
        numbers: ['2001'],
        flow: { module: 'user', data: { id: userId, timeout: 4 }, children: { _: { module: 'play', data: { id: 'https://media.example.com/nobody-home.wav' } } } },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const legsTo = (username: string) => env.sim.listCalls().filter((call) => call.direction === 'outbound' && call.to === username);

  it("rings both of the user's devices; the first to answer wins, the other stops ringing, and the call ends with the bridge", async () => {
    env.sim.setDestination('ann-desk', { answer: 'answer', after_ms: 3000 });
    env.sim.setDestination('ann-soft', { answer: 'answer', after_ms: 1000 });
    const uuid = env.sim.placeCall({ from: '+15557777', to: '2001' });
    const call = await env.callOfChannel(uuid);
    const bridged = await eventually('the caller bridged', () => env.simCall(uuid).bridged_to ?? undefined);
    const winner = env.simCall(bridged);
    expect(winner).toMatchObject({ to: 'ann-soft', answered: true });
    const loser = legsTo('ann-desk')[0]!;
    expect((await env.sim.waitForCall(loser.uuid, (c) => c.destroyed)).hangup_cause).toBe('LOSE_RACE');
    const bridgeApp = env.simCall(uuid).applications.find((app) => app.name === 'bridge')!;
    expect(bridgeApp.arg).toContain('user/ann-desk@');
    expect(bridgeApp.arg).toContain(',');
    // The callee hangs up: the answered call is over, and Kazoo stops the callflow.
    env.sim.hangup(bridged);
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended.hangup_by).toBe('local');
    expect(env.simCall(uuid).applications.map((app) => app.name)).not.toContain('playback');
  });

  it('goes to `_` when nobody answers', async () => {
    env.sim.setDestination('ann-desk', { answer: 'no_answer' });
    env.sim.setDestination('ann-soft', { answer: 'busy', after_ms: 500 });
    const uuid = env.sim.placeCall({ from: '+15557778', to: '2001' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up after the prompt', (c) => c.status === 'hangup', 20_000);
    const apps = env.simCall(uuid).applications.map((app) => [app.name, app.arg]);
    expect(apps).toContainEqual(['playback', 'https://media.example.com/nobody-home.wav']);
    const desk = legsTo('ann-desk').at(-1)!;
    expect(desk.hangup_cause).toBe('ALLOTTED_TIMEOUT');
    expect(legsTo('ann-soft').at(-1)!.hangup_cause).toBe('USER_BUSY');
  });
});
