import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CallView } from '@voxmesh/esl-sim';
import { CallEnv, eventually } from './harness.js';

/**
 * Kazoo's call features end to end: callflows `eavesdrop`, `group_pickup`, `intercept`
 * and `page_group` reached by feature codes (callflow patterns), and konami's
 * `intercept` on a live channel. Devices, users and groups are kept by customer-manager;
 * call-manager finds the calls on esl-sim with `show channels` and acts with
 * FreeSWITCH's eavesdrop, intercept and conference auto-outcalls.
 */
describe('call features on real calls', () => {
  const env = new CallEnv();
  let accountId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Features Co' } })).id;
    const params = { account_id: accountId };
    const device = async (name: string, owner?: string) =>
      (ids[name] = (await env.customers.call('createDevice', { params, body: { name, sip: { username: name }, ...(owner ? { owner_id: owner } : {}) } })).id);
    ids.jane = (await env.customers.call('createUser', { params, body: { username: 'jane', password: 'jane-password' } })).id;
    await device('jane-desk', ids.jane);
    await device('joe-desk');
    await device('ann-desk');
    await device('boss-desk');
    await device('temp-desk');
    ids.sales = (await env.customers.call('createGroup', { params, body: { name: 'Sales', endpoints: { [ids.jane!]: { type: 'user' }, [ids['joe-desk']!]: { type: 'device' } } } })).id;
    ids.supervisors = (await env.customers.call('createGroup', { params, body: { name: 'Supervisors', endpoints: { [ids['boss-desk']!]: { type: 'device' } } } })).id;
    const callflow = (numbers: string[], patterns: string[], flow: unknown) =>
      env.flows.call('createFlow', { body: { account_id: accountId, numbers, patterns, flow: flow as never } });
    // Rung for an hour of simulated time (36 s here), so nothing stops ringing while a test runs.
    await callflow(['5001'], [], { module: 'device', data: { id: ids['jane-desk'], timeout: 3600 } });
    await callflow(['5002'], [], { module: 'ring_group', data: { endpoints: [{ endpoint_type: 'group', id: ids.sales, timeout: 3600 }], timeout: 3600 } });
    await callflow([], ['^\\*8$'], { module: 'group_pickup', data: { group_id: ids.sales, approved_group_id: ids.supervisors } });
    await callflow([], ['^\\*9$'], { module: 'intercept', data: { device_id: ids['jane-desk'] } });
    await callflow([], ['^\\*33$'], { module: 'eavesdrop', data: { user_id: ids.jane, approved_group_id: ids.supervisors } });
    await callflow([], ['^\\*80$'], {
      module: 'page_group',
      data: { endpoints: [{ endpoint_type: 'group', id: ids.sales }, { endpoint_type: 'device', id: ids['ann-desk'] }], timeout: 5 },
    });
    await callflow(['5003'], [], { module: 'device', data: { id: ids['temp-desk'], timeout: 3600 } });
    await callflow([], ['^\\*7([0-9]+)$'], { module: 'group_pickup', data: {} });
    await callflow([], ['^\\*34([0-9]+)$'], { module: 'eavesdrop', data: { approved_device_id: ids['boss-desk'], mode: 'whisper' } });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const legTo = (uuid: string, username: string): CallView | undefined =>
    env.sim.listCalls().find((call) => call.direction === 'outbound' && call.to === username && call.variables.originating_leg_uuid === uuid);
  const ringing = (uuid: string, username: string) => eventually(`${username} ringing`, () => (legTo(uuid, username)?.call_state === 'RINGING' ? legTo(uuid, username) : undefined));
  const fromDevice = (username: string, to: string) => env.sim.placeCall({ from: username, to, variables: { sip_auth_username: username } });
  const hungUp = (uuid: string) => eventually(`${uuid} hung up`, () => env.simCall(uuid).hangup_cause ?? undefined);

  it('group_pickup: *8 from a supervisor answers a call ringing the group; the ringing stops and the caller stays', async () => {
    env.sim.setDestination('jane-desk', { answer: 'no_answer' });
    env.sim.setDestination('joe-desk', { answer: 'no_answer' });
    const caller = env.sim.placeCall({ from: '+15557001', to: '5002' });
    const call = await env.callOfChannel(caller);
    await ringing(caller, 'jane-desk');
    await ringing(caller, 'joe-desk');
    const boss = fromDevice('boss-desk', '*8');
    await eventually('the supervisor bridged to the caller', () => (env.simCall(boss).bridged_to === caller ? true : undefined));
    expect(env.simCall(boss).applications.map((app) => [app.name, app.arg])).toContainEqual(['intercept', `-bleg ${legTo(caller, 'jane-desk')!.uuid}`]);
    expect(await hungUp(legTo(caller, 'jane-desk')!.uuid)).toBe('PICKED_OFF');
    expect(await hungUp(legTo(caller, 'joe-desk')!.uuid)).toBe('ORIGINATOR_CANCEL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(env.simCall(caller)).toMatchObject({ answered: true, hangup_cause: null });
    expect((await env.getCall(call.id)).status).not.toBe('hangup');
    env.sim.hangup(boss);
    await env.callUntil(call.id, 'hung up with the supervisor', (c) => c.status === 'hangup');
  });

  it('group_pickup: a caller who is not a supervisor hears why and is hung up; nothing ringing is touched', async () => {
    env.sim.setDestination('joe-desk', { answer: 'no_answer' });
    const caller = env.sim.placeCall({ from: '+15557002', to: '5002' });
    await ringing(caller, 'joe-desk');
    const ann = fromDevice('ann-desk', '*8');
    await hungUp(ann);
    expect(env.simCall(ann).applications.some((app) => app.name === 'speak' && app.arg.includes('not allowed'))).toBe(true);
    expect(env.simCall(ann).applications.some((app) => app.name === 'intercept')).toBe(false);
    expect(legTo(caller, 'joe-desk')!.hangup_cause).toBeNull();
    env.sim.hangup(caller);
  });

  it('intercept: *9 takes the one call ringing at the device', async () => {
    env.sim.setDestination('jane-desk', { answer: 'no_answer' });
    const caller = env.sim.placeCall({ from: '+15557003', to: '5001' });
    const call = await env.callOfChannel(caller);
    const jane = await ringing(caller, 'jane-desk');
    const joe = fromDevice('joe-desk', '*9');
    await eventually('joe bridged to the caller', () => (env.simCall(joe).bridged_to === caller ? true : undefined));
    expect(await hungUp(jane!.uuid)).toBe('PICKED_OFF');
    env.sim.hangup(caller);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(await hungUp(joe)).toBe('NORMAL_CLEARING');
  });

  it('intercept: *9 also takes a call the device is talking on; the device is dropped, the caller stays', async () => {
    env.sim.setDestination('jane-desk', { answer: 'answer', after_ms: 100 });
    const caller = env.sim.placeCall({ from: '+15557009', to: '5001' });
    const call = await env.callOfChannel(caller);
    const jane = await eventually('the caller bridged to jane', () => env.simCall(caller).bridged_to ?? undefined);
    const joe = fromDevice('joe-desk', '*9');
    await eventually('joe bridged to the caller', () => (env.simCall(joe).bridged_to === caller ? true : undefined));
    expect(await hungUp(jane)).toBe('PICKED_OFF');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await env.getCall(call.id)).status).not.toBe('hangup');
    env.sim.hangup(joe);
    await env.callUntil(call.id, 'hung up with joe', (c) => c.status === 'hangup');
  });

  it('intercept with no call at the device says so and ends', async () => {
    const joe = fromDevice('joe-desk', '*9');
    await hungUp(joe);
    expect(env.simCall(joe).applications.some((app) => app.name === 'speak' && app.arg.includes('no call to take'))).toBe(true);
  });

  it("eavesdrop: a supervisor listens to jane's bridged call, then whispers into it with 2", async () => {
    env.sim.setDestination('jane-desk', { answer: 'answer', after_ms: 100 });
    const caller = env.sim.placeCall({ from: '+15557004', to: '5001' });
    const call = await env.callOfChannel(caller);
    const bridged = await eventually('the caller bridged to jane', () => env.simCall(caller).bridged_to ?? undefined);
    expect(env.simCall(bridged).to).toBe('jane-desk');
    const boss = fromDevice('boss-desk', '*33');
    const listening = await eventually('eavesdropping', () => env.simCall(boss).eavesdrops[0]);
    expect(listening).toEqual({ target: bridged, mux_read: false, mux_write: false, dtmf: true, active: true });
    await env.sim.sendDtmf(boss, { digits: '2' });
    await eventually('whispering to jane', () => (env.simCall(boss).eavesdrops[0]?.mux_write ? true : undefined));
    expect(env.simCall(boss).eavesdrops[0]).toMatchObject({ target: bridged, mux_read: false, mux_write: true, active: true });
    expect(env.simCall(caller).bridged_to).toBe(bridged);
    env.sim.hangup(caller);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    // The eavesdrop ends with the call it listened to, and so does the supervisor's callflow.
    expect(await hungUp(boss)).toBe('NORMAL_CLEARING');
    expect(env.simCall(boss).eavesdrops[0]!.active).toBe(false);
  });

  it("eavesdrop finds a call jane's device placed itself", async () => {
    env.sim.setDestination('temp-desk', { answer: 'answer', after_ms: 100 });
    const jane = fromDevice('jane-desk', '5003');
    await eventually('jane bridged to temp-desk', () => env.simCall(jane).bridged_to ?? undefined);
    const boss = fromDevice('boss-desk', '*33');
    expect(await eventually('eavesdropping', () => env.simCall(boss).eavesdrops[0])).toMatchObject({ target: jane, active: true });
    env.sim.hangup(jane);
    await hungUp(boss);
  });

  it('eavesdrop refuses a device outside the approved group', async () => {
    env.sim.setDestination('jane-desk', { answer: 'answer', after_ms: 100 });
    const caller = env.sim.placeCall({ from: '+15557005', to: '5001' });
    await eventually('the caller bridged to jane', () => env.simCall(caller).bridged_to ?? undefined);
    const joe = fromDevice('joe-desk', '*33');
    await hungUp(joe);
    expect(env.simCall(joe).eavesdrops).toEqual([]);
    expect(env.simCall(joe).applications.some((app) => app.name === 'speak' && app.arg.includes('not allowed'))).toBe(true);
    env.sim.hangup(caller);
  });

  it('page_group: *80 reaches three devices at once, each answering by itself and muted, and ends with the caller', async () => {
    for (const name of ['jane-desk', 'joe-desk', 'ann-desk']) env.sim.setDestination(name, { answer: 'answer', after_ms: 60_000 });
    const boss = fromDevice('boss-desk', '*80');
    const call = await env.callOfChannel(boss);
    const paged = await eventually('three devices in the page', () => {
      const legs = env.sim.listCalls().filter((leg) => leg.direction === 'outbound' && leg.variables.conference_name === `page_${call.id}` && leg.hangup_cause === null);
      return legs.length === 3 ? legs : undefined;
    });
    expect(paged.map((leg) => leg.to).sort()).toEqual(['ann-desk', 'jane-desk', 'joe-desk']);
    for (const leg of paged) {
      expect(leg.answered).toBe(true);
      expect(leg.variables.sip_auto_answer).toBe('true');
      expect(leg.applications.at(-1)).toMatchObject({ name: 'conference', arg: `page_${call.id}@default+flags{mute}` });
    }
    const created = paged.map((leg) => Date.parse(leg.created_at));
    expect(Math.max(...created) - Math.min(...created)).toBeLessThan(1000);
    expect(env.simCall(boss).variables.conference_name).toBe(`page_${call.id}`);
    env.sim.hangup(boss);
    for (const leg of paged) await hungUp(leg.uuid);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
  });

  it("konami intercept on a channel: the target's phone answers and takes the ringing call", async () => {
    env.sim.setDestination('temp-desk', { answer: 'no_answer' });
    env.sim.setDestination('ann-desk', { answer: 'answer', after_ms: 200 });
    const caller = env.sim.placeCall({ from: '+15557006', to: '5003' });
    const call = await env.callOfChannel(caller);
    const temp = await ringing(caller, 'temp-desk');
    const reply = await env.calls.call('channelCommand', {
      params: { id: caller },
      body: { account_id: accountId, action: 'intercept', target_type: 'device', target_id: ids['ann-desk'], unbridged_only: true } as never,
    });
    expect(reply).toMatchObject({ id: caller, call_id: call.id });
    const ann = await eventually('ann bridged to the caller', () => env.sim.listCalls().find((leg) => leg.to === 'ann-desk' && leg.bridged_to === caller));
    expect(ann.applications.map((app) => [app.name, app.arg])).toContainEqual(['intercept', caller]);
    expect(await hungUp(temp!.uuid)).toBe('ORIGINATOR_CANCEL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await env.getCall(call.id)).status).not.toBe('hangup');
    env.sim.hangup(ann.uuid);
    await env.callUntil(call.id, 'hung up with ann', (c) => c.status === 'hangup');
  });

  it('konami intercept on key presses: the caller presses *5 while it rings and the target phone takes the call', async () => {
    await env.flows.call('putOwnerMetaflows', {
      params: { account_id: accountId, owner_type: 'devices', owner_id: ids['boss-desk']! },
      body: { numbers: { '5': { module: 'intercept', data: { target_type: 'device', target_id: ids['ann-desk'] } } }, binding_digit: '*', digit_timeout_ms: 500, listen_on: 'self' } as never,
    });
    env.sim.setDestination('temp-desk', { answer: 'no_answer' });
    env.sim.setDestination('ann-desk', { answer: 'answer', after_ms: 200 });
    const boss = fromDevice('boss-desk', '5003');
    const call = await env.callOfChannel(boss);
    const temp = await ringing(boss, 'temp-desk');
    await env.sim.sendDtmf(boss, { digits: '*5', interval_ms: 50 });
    const ann = await eventually('ann bridged to the caller', () => env.sim.listCalls().find((leg) => leg.to === 'ann-desk' && leg.bridged_to === boss));
    expect(await hungUp(temp!.uuid)).toBe('ORIGINATOR_CANCEL');
    expect(env.simCall(boss).hangup_cause).toBeNull();
    env.sim.hangup(ann.uuid);
    await env.callUntil(call.id, 'hung up with ann', (c) => c.status === 'hangup');
  });

  it('feature codes with a captured extension: *7 + 5001 picks up the call ringing there; *34 + 5001 whispers into its call', async () => {
    env.sim.setDestination('jane-desk', { answer: 'no_answer' });
    const ringingCaller = env.sim.placeCall({ from: '+15557007', to: '5001' });
    const jane = await ringing(ringingCaller, 'jane-desk');
    const joe = fromDevice('joe-desk', '*75001');
    await eventually('joe bridged to the caller', () => (env.simCall(joe).bridged_to === ringingCaller ? true : undefined));
    expect(await hungUp(jane!.uuid)).toBe('PICKED_OFF');
    env.sim.hangup(joe);
    await hungUp(ringingCaller);

    const nobody = fromDevice('joe-desk', '*75999');
    await hungUp(nobody);
    expect(env.simCall(nobody).applications.some((app) => app.name === 'speak' && app.arg.includes('nobody there'))).toBe(true);

    env.sim.setDestination('jane-desk', { answer: 'answer', after_ms: 100 });
    const talking = env.sim.placeCall({ from: '+15557008', to: '5001' });
    const bridged = await eventually('the caller bridged to jane', () => env.simCall(talking).bridged_to ?? undefined);
    const boss = fromDevice('boss-desk', '*345001');
    const whisper = await eventually('whispering', () => env.simCall(boss).eavesdrops[0]);
    expect(whisper).toMatchObject({ target: bridged, mux_write: true, mux_read: false, active: true });
    env.sim.hangup(talking);
    await hungUp(boss);
  });
});
