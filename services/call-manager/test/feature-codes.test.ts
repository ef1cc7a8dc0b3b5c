import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/**
 * Kazoo's call-forward and do-not-disturb feature codes end to end: a phone dials `*72`
 * and a number, `*73`, `*78`, `*79`; flow-manager changes the owner's document in
 * customer-manager; the next call to the user then forwards, or rings nobody.
 */
describe('call forward and do-not-disturb feature codes', () => {
  const env = new CallEnv();
  let accountId: string;
  let annId: string;
  let loneDeviceId: string;

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Feature Codes Co' } })).id;
    annId = (await env.customers.call('createUser', { params: { account_id: accountId }, body: { username: 'ann', password: 'ann-password' } })).id;
    await env.customers.call('createDevice', { params: { account_id: accountId }, body: { name: 'ann-desk', owner_id: annId, sip: { username: 'ann-desk' } } });
    loneDeviceId = (await env.customers.call('createDevice', { params: { account_id: accountId }, body: { name: 'lobby', sip: { username: 'lobby' } } })).id;
    const create = (where: { numbers?: string[]; patterns?: string[] }, flow: Record<string, unknown>) =>
      env.flows.call('createFlow', { body: { account_id: accountId, ...where, flow } as never });
    await create({ patterns: ['^\\*72([0-9]*)$'] }, { module: 'call_forward', data: { action: 'activate' } });
    await create({ numbers: ['*73'] }, { module: 'call_forward', data: { action: 'deactivate' } });
    await create({ patterns: ['^\\*56([0-9]*)$'] }, { module: 'call_forward', data: { action: 'update' } });
    await create({ numbers: ['*74'] }, { module: 'call_forward', data: { action: 'toggle' } });
    await create({ numbers: ['*75'] }, { module: 'call_forward', data: { action: 'menu' } });
    await create({ numbers: ['*78'] }, { module: 'do_not_disturb', data: { action: 'activate' } });
    await create({ numbers: ['*79'] }, { module: 'do_not_disturb', data: { action: 'deactivate' } });
    await create({ numbers: ['2001'] }, { module: 'user', data: { id: annId, timeout: 3 }, children: { _: { module: 'play', data: { id: 'https://media.example.com/nobody-home.wav' } } } });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const spoken = (uuid: string) => env.simCall(uuid).applications.filter((app) => app.name === 'speak').map((app) => app.arg.replace(/^flite\|\w+\|/, ''));
  const ann = () => env.customers.call('getUser', { params: { account_id: accountId, id: annId } });

  /** Dials `to` from `device` and waits until the feature code has hung up. */
  const dialCode = async (device: string, to: string, during?: (uuid: string, callId: string) => Promise<void>) => {
    const uuid = env.sim.placeCall({ from: device, to, variables: { sip_auth_username: device } });
    const call = await env.callOfChannel(uuid);
    if (during) await during(uuid, call.id);
    await env.callUntil(call.id, 'feature code done', (c) => c.status === 'hangup', 20_000);
    return uuid;
  };

  /** Calls the user from outside and returns what the caller's bridge dialled. */
  const callAnn = async (from: string) => {
    const uuid = env.sim.placeCall({ from, to: '2001' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'the call to ann over', (c) => c.status === 'hangup', 20_000);
    return env.simCall(uuid).applications.map((app) => [app.name, app.arg] as const);
  };

  it('*72 with a number forwards the owner\'s calls there; *73 stops it; *74 turns it back on with the stored number', async () => {
    const on = await dialCode('ann-desk', '*7215550199');
    expect(spoken(on)).toEqual(['Your calls now forward to 15550199.']);
    expect((await ann()).call_forward).toMatchObject({ enabled: true, number: '15550199' });

    env.sim.setDestination('15550199', { answer: 'answer', after_ms: 300 });
    const uuid = env.sim.placeCall({ from: '+15557001', to: '2001' });
    const call = await env.callOfChannel(uuid);
    // require_keypress is on by default: the forwarded callee takes the call with 1.
    const forwardLeg = await eventually('the forward number answered', () => env.sim.listCalls().find((leg) => leg.to === '15550199' && leg.variables.originating_leg_uuid === uuid && leg.answered));
    await eventually('the confirmation prompt', () => env.simCall(forwardLeg.uuid).events.includes('PLAYBACK_START') || undefined);
    await env.sim.sendDtmf(forwardLeg.uuid, { digits: '1' });
    const bridged = await eventually('the caller bridged to the forward number', () => env.simCall(uuid).bridged_to ?? undefined);
    expect(env.simCall(bridged).to).toBe('15550199');
    expect(env.simCall(uuid).applications.find((app) => app.name === 'bridge')!.arg).not.toContain('user/ann-desk');
    env.sim.hangup(bridged);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');

    const off = await dialCode('ann-desk', '*73');
    expect(spoken(off)).toEqual(['Call forwarding is off.']);
    expect((await ann()).call_forward).toMatchObject({ enabled: false, number: '15550199' });
    env.sim.setDestination('ann-desk', { answer: 'no_answer' });
    const rang = await callAnn('+15557002');
    expect(rang.find(([name]) => name === 'bridge')![1]).toContain('user/ann-desk@');

    const toggled = await dialCode('ann-desk', '*74');
    expect(spoken(toggled)).toEqual(['Your calls now forward to 15550199.']);
    expect((await ann()).call_forward).toMatchObject({ enabled: true, number: '15550199' });
    expect(spoken(await dialCode('ann-desk', '*74'))).toEqual(['Call forwarding is off.']);
  });

  it('*56 with a number changes it without turning forwarding on; with none the caller keys it in', async () => {
    const updated = await dialCode('ann-desk', '*5615550123');
    expect(spoken(updated)).toEqual(['Your forwarding number is now 15550123.']);
    expect((await ann()).call_forward).toMatchObject({ enabled: false, number: '15550123' });

    // The lobby phone has no owner and no number: it is asked for one, on its own document.
    const keyed = await dialCode('lobby', '*72', async (uuid, callId) => {
      await eventually('asked for the number', async () => (await env.getCall(callId)).action?.type === 'digits_receive');
      await env.sim.sendDtmf(uuid, { digits: '15550777#', interval_ms: 30 });
    });
    expect(spoken(keyed)).toEqual(['Enter the number to forward your calls to, then press pound.', 'Your calls now forward to 15550777.']);
    const lobby = await env.customers.call('getDevice', { params: { account_id: accountId, id: loneDeviceId } });
    expect(lobby.call_forward).toMatchObject({ enabled: true, number: '15550777' });
  });

  it('the call forward menu: 1 turns it on, 2 takes a new number, no key ends the call', async () => {
    const menu = 'To turn call forwarding on or off, press 1. To change the forwarding number, press 2.';
    const uuid = env.sim.placeCall({ from: 'ann-desk', to: '*75', variables: { sip_auth_username: 'ann-desk' } });
    const call = await env.callOfChannel(uuid);
    const gathering = (what: string, count: number, text: string) =>
      eventually(what, async () => spoken(uuid).filter((said) => said === text).length === count && (await env.getCall(call.id)).action?.type === 'digits_receive', 20_000);
    await gathering('the menu', 1, menu);
    await env.sim.sendDtmf(uuid, { digits: '1' });
    await gathering('the menu again', 2, menu);
    await env.sim.sendDtmf(uuid, { digits: '2' });
    await gathering('asked for the number', 1, 'Enter the number to forward your calls to, then press pound.');
    await env.sim.sendDtmf(uuid, { digits: '15550999#', interval_ms: 30 });
    await env.callUntil(call.id, 'hung up after the menu timed out', (c) => c.status === 'hangup', 30_000);
    expect(spoken(uuid)).toEqual([
      menu,
      'Your calls now forward to 15550123.',
      menu,
      'Enter the number to forward your calls to, then press pound.',
      'Your forwarding number is now 15550999.',
      menu,
    ]);
    expect((await ann()).call_forward).toMatchObject({ enabled: true, number: '15550999' });
    await dialCode('ann-desk', '*73');
  });

  it('*78 turns do-not-disturb on (the user is not rung), *79 off (rung again)', async () => {
    expect(spoken(await dialCode('ann-desk', '*78'))).toEqual(['Do not disturb is on.']);
    expect((await ann()).do_not_disturb).toEqual({ enabled: true });
    const quiet = await callAnn('+15557003');
    expect(quiet.map(([name]) => name)).not.toContain('bridge');
    expect(quiet).toContainEqual(['playback', 'https://media.example.com/nobody-home.wav']);

    expect(spoken(await dialCode('ann-desk', '*79'))).toEqual(['Do not disturb is off.']);
    expect((await ann()).do_not_disturb).toEqual({ enabled: false });
    env.sim.setDestination('ann-desk', { answer: 'no_answer' });
    const rung = await callAnn('+15557004');
    expect(rung.find(([name]) => name === 'bridge')![1]).toContain('user/ann-desk@');
  });

  it('says the feature is not available to a caller with no device', async () => {
    const uuid = env.sim.placeCall({ from: '+15557005', to: '*78' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 20_000);
    expect(spoken(uuid)).toEqual(['Do not disturb is not available.']);
  });
});
