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
    await env.flows.call('createFlow', {
      body: {
        account_id: accountId,
        numbers: ['2002'],
        flow: { module: 'device', data: { id: devices['ann-desk']!, timeout: 4 }, children: { _: { module: 'play', data: { id: 'https://media.example.com/desk-away.wav' } } } },
      },
    });
    // The desk again, with time for a loaded machine to key the confirmation in before the ring timeout (simulated time runs 100 times faster).
    await env.flows.call('createFlow', {
      body: {
        account_id: accountId,
        numbers: ['2004'],
        flow: { module: 'device', data: { id: devices['ann-desk']!, timeout: 300 }, children: { _: { module: 'play', data: { id: 'https://media.example.com/desk-away.wav' } } } },
      },
    });
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: ['2003'], flow: { module: 'user', data: { id: userId, timeout: 2, strategy: 'single' } } } });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const legsTo = (username: string) => env.sim.listCalls().filter((call) => call.direction === 'outbound' && call.to === username);
  /** The leg to `username` the caller `uuid`'s bridge made. */
  const legOf = (uuid: string, username: string) => legsTo(username).find((leg) => leg.variables.originating_leg_uuid === uuid)!;

  it("rings both of the user's devices; the first to answer wins, the other stops ringing, and the call ends with the bridge", async () => {
    env.sim.setDestination('ann-desk', { answer: 'answer', after_ms: 3000 });
    env.sim.setDestination('ann-soft', { answer: 'answer', after_ms: 1000 });
    const uuid = env.sim.placeCall({ from: '+15557777', to: '2001' });
    const call = await env.callOfChannel(uuid);
    const bridged = await eventually('the caller bridged', () => env.simCall(uuid).bridged_to ?? undefined);
    const winner = env.simCall(bridged);
    expect(winner).toMatchObject({ to: 'ann-soft', answered: true });
    const loser = legOf(uuid, 'ann-desk');
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
    // The ring group's limit equals the legs' own, and the switch checks it first.
    expect(legOf(uuid, 'ann-desk').hangup_cause).toBe('NO_ANSWER');
    expect(legOf(uuid, 'ann-soft').hangup_cause).toBe('USER_BUSY');
  });

  const patchDesk = (body: Record<string, unknown>) => env.customers.call('patchDevice', { params: { account_id: accountId, id: devices['ann-desk']! }, body });
  const appsOf = (uuid: string) => env.simCall(uuid).applications.map((app) => [app.name, app.arg]);

  it("rings a device's call-forward number through the carrier instead of the device; the forwarded callee presses 1 to take the call", async () => {
    await patchDesk({ call_forward: { enabled: true, number: '+15550199' } });
    env.sim.setDestination('+15550199', { answer: 'answer', after_ms: 500 });
    const uuid = env.sim.placeCall({ from: '+15557779', to: '2004' });
    const call = await env.callOfChannel(uuid);
    const forwardLeg = await eventually('the forward number answered', () => env.sim.listCalls().find((leg) => leg.to === '+15550199' && leg.variables.originating_leg_uuid === uuid && leg.answered));
    // Answered, but not the caller's until the key: the caller still hears ringing.
    await eventually('the confirmation prompt', () => env.simCall(forwardLeg.uuid).events.includes('PLAYBACK_START') || undefined);
    expect(env.simCall(uuid).bridged_to).toBeNull();
    await env.sim.sendDtmf(forwardLeg.uuid, { digits: '1' });
    const bridged = await eventually('the caller bridged to the forward number', () => env.simCall(uuid).bridged_to ?? undefined);
    expect(bridged).toBe(forwardLeg.uuid);
    const bridgeApp = env.simCall(uuid).applications.find((app) => app.name === 'bridge')!;
    expect(bridgeApp.arg).toContain('sofia/gateway/pstn/+15550199');
    expect(bridgeApp.arg).toMatch(/\[[^\]]*group_confirm_key=1[^\]]*\]sofia\/gateway\/pstn\/\+15550199/);
    expect(bridgeApp.arg).not.toContain('user/ann-desk');
    // keep_caller_id is on by default: the forwarded callee sees who calls.
    expect(env.simCall(bridged).from).toBe('+15557779');
    env.sim.hangup(bridged);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    await patchDesk({ call_forward: null });
  });

  it('goes to `_` when the forwarded callee answers but never presses 1 (a mobile voicemail), within the ring timeout', async () => {
    await patchDesk({ call_forward: { enabled: true, number: '+15550198' } });
    env.sim.setDestination('+15550198', { answer: 'answer', after_ms: 300 });
    const uuid = env.sim.placeCall({ from: '+15557781', to: '2002' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up after the prompt', (c) => c.status === 'hangup', 20_000);
    const forwardLeg = env.sim.listCalls().find((leg) => leg.to === '+15550198' && leg.variables.originating_leg_uuid === uuid)!;
    // The bridge's limit equals the leg's, and the switch checks it first.
    expect(forwardLeg).toMatchObject({ answered: true, hangup_cause: 'NO_ANSWER' });
    expect(appsOf(uuid)).toContainEqual(['playback', 'https://media.example.com/desk-away.wav']);
    await patchDesk({ call_forward: null });
  });

  it('without require_keypress the forward takes the call at once, and without keep_caller_id it shows the forwarding device', async () => {
    await patchDesk({ call_forward: { enabled: true, number: '+15550197', require_keypress: false, keep_caller_id: false } });
    env.sim.setDestination('+15550197', { answer: 'answer', after_ms: 300 });
    const uuid = env.sim.placeCall({ from: '+15557782', to: '2002' });
    const call = await env.callOfChannel(uuid);
    const bridged = await eventually('the caller bridged to the forward number', () => env.simCall(uuid).bridged_to ?? undefined);
    expect(env.simCall(bridged)).toMatchObject({ to: '+15550197', from: 'ann-desk', caller_id_name: 'ann-desk' });
    expect(env.simCall(uuid).applications.find((app) => app.name === 'bridge')!.arg).not.toContain('group_confirm_key');
    env.sim.hangup(bridged);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    await patchDesk({ call_forward: null });
  });

  it('rings nobody with do-not-disturb on, nor the caller\'s own devices without can_call_self, and goes to `_`', async () => {
    await patchDesk({ do_not_disturb: { enabled: true } });
    const dnd = env.sim.placeCall({ from: '+15557780', to: '2002' });
    await env.callUntil((await env.callOfChannel(dnd)).id, 'hung up after the prompt', (c) => c.status === 'hangup', 20_000);
    expect(appsOf(dnd).map(([name]) => name)).not.toContain('bridge');
    expect(appsOf(dnd)).toContainEqual(['playback', 'https://media.example.com/desk-away.wav']);
    await patchDesk({ do_not_disturb: { enabled: false } });

    // Ann calls her own user from her softphone: neither of her devices rings.
    const own = env.sim.placeCall({ from: 'ann-soft', to: '2001', variables: { sip_auth_username: 'ann-soft' } });
    const ownCall = await env.callOfChannel(own);
    await env.callUntil(ownCall.id, 'hung up after the prompt', (c) => c.status === 'hangup', 20_000);
    expect((await env.getCall(ownCall.id)).device?.id).toBe(devices['ann-soft']);
    expect(appsOf(own).map(([name]) => name)).not.toContain('bridge');
    expect(appsOf(own)).toContainEqual(['playback', 'https://media.example.com/nobody-home.wav']);
  });

  it("rings the user's devices one after another with strategy single, each for the timeout", async () => {
    // customer-manager lists the devices by id: the first listed rings first and does not answer.
    const listed = (await env.customers.call('listDevices', { params: { account_id: accountId }, query: {} })).result.map((device) => device.sip.username);
    const [first, second] = listed as [string, string];
    env.sim.setDestination(first, { answer: 'no_answer' });
    env.sim.setDestination(second, { answer: 'answer', after_ms: 500 });
    const uuid = env.sim.placeCall({ from: '+15557781', to: '2003' });
    const call = await env.callOfChannel(uuid);
    const bridged = await eventually('the caller bridged', () => env.simCall(uuid).bridged_to ?? undefined);
    expect(env.simCall(bridged).to).toBe(second);
    const arg = env.simCall(uuid).applications.find((app) => app.name === 'bridge')!.arg;
    expect(arg.indexOf(`user/${first}@`)).toBeLessThan(arg.indexOf('|'));
    expect(arg.indexOf(`user/${second}@`)).toBeGreaterThan(arg.indexOf('|'));
    const unanswered = legOf(uuid, first);
    expect(unanswered.hangup_cause).toBe('ALLOTTED_TIMEOUT');
    // In simulated time the second device rang only once the first one's 2 s were over.
    expect(Date.parse(env.simCall(bridged).created_at) - Date.parse(unanswered.created_at)).toBeGreaterThanOrEqual(1900);
    env.sim.hangup(uuid);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
  });
});
