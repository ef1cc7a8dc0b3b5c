import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/**
 * Kazoo's `hotdesk` end to end: a user logs in on a shared phone with a hotdesk id and
 * PIN, a call to the user then rings that phone too; logging out, or in elsewhere, stops it.
 */
describe('hotdesk', () => {
  const env = new CallEnv();
  let accountId: string;
  const devices: Record<string, string> = {};

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Hotdesk Co' } })).id;
    const bob = (await env.customers.call('createUser', { params: { account_id: accountId }, body: { username: 'bob', password: 'bob-password', hotdesk: { enabled: true, id: '2002', pin: '4321', require_pin: true } } })).id;
    devices['bob-desk'] = (await env.customers.call('createDevice', { params: { account_id: accountId }, body: { name: 'bob-desk', owner_id: bob, sip: { username: 'bob-desk' } } })).id;
    for (const name of ['lobby-phone', 'kiosk']) devices[name] = (await env.customers.call('createDevice', { params: { account_id: accountId }, body: { name, sip: { username: name } } })).id;
    const create = (numbers: string[], flow: Record<string, unknown>) => env.flows.call('createFlow', { body: { account_id: accountId, numbers, flow } as never });
    await create(['*80'], { module: 'hotdesk', data: { action: 'login' } });
    await create(['*81'], { module: 'hotdesk', data: { action: 'logout' } });
    await create(['3001'], { module: 'user', data: { id: bob, timeout: 2 } });
    await create(['3002'], { module: 'hotdesk', data: { action: 'bridge', id: bob }, children: { _: { module: 'tts', data: { text: 'Goodbye from the hotdesk.' } } } });
    // Carl is logged in on a spare phone, but his hotdesk is not enabled: cf_hotdesk's bridge rings nobody.
    const carl = (await env.customers.call('createUser', { params: { account_id: accountId }, body: { username: 'carl', password: 'carl-password', hotdesk: { enabled: false, id: '2003' } } })).id;
    await env.customers.call('createDevice', { params: { account_id: accountId }, body: { name: 'carl-spare', sip: { username: 'carl-spare' }, hotdesk: { users: { [carl]: {} } } } });
    await create(['3003'], { module: 'hotdesk', data: { action: 'bridge', id: carl }, children: { _: { module: 'tts', data: { text: 'Carl is away.' } } } });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const spoken = (uuid: string) => env.simCall(uuid).applications.filter((app) => app.name === 'speak').map((app) => app.arg.replace(/^flite\|\w+\|/, ''));
  const usersOn = async (name: string) => Object.keys((await env.customers.call('getDevice', { params: { account_id: accountId, id: devices[name]! } })).hotdesk?.users ?? {});

  /** Dials `to` from `device`, answering the `n`th prompt with each key-in in turn. */
  const dialCode = async (device: string, to: string, keyIns: string[] = []) => {
    const uuid = env.sim.placeCall({ from: device, to, variables: { sip_auth_username: device } });
    const call = await env.callOfChannel(uuid);
    for (const [index, digits] of keyIns.entries()) {
      await eventually(`prompt ${index + 1}`, async () => spoken(uuid).filter((text) => text.startsWith('Enter your')).length === index + 1 && (await env.getCall(call.id)).action?.type === 'digits_receive', 20_000);
      await env.sim.sendDtmf(uuid, { digits, interval_ms: 30 });
    }
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 20_000);
    return spoken(uuid);
  };

  /** What the bridge of a call to bob dialled. */
  const callBob = async () => {
    const uuid = env.sim.placeCall({ from: '+15550300', to: '3001' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 20_000);
    return env.simCall(uuid).applications.find((app) => app.name === 'bridge')!.arg;
  };

  it('logs in with the hotdesk id and PIN after a wrong PIN; a call to the user then rings the shared phone too', async () => {
    for (const name of ['lobby-phone', 'kiosk', 'bob-desk']) env.sim.setDestination(name, { answer: 'no_answer' });
    expect(await dialCode('lobby-phone', '*80', ['2002#', '1111#', '4321#'])).toEqual([
      'Enter your hotdesk ID, then press pound.',
      'Enter your PIN, then press pound.',
      'That PIN is not valid.',
      'Enter your PIN, then press pound.',
      'You are logged in.',
    ]);
    expect(await usersOn('lobby-phone')).toHaveLength(1);
    const arg = await callBob();
    expect(arg).toContain('user/bob-desk@');
    expect(arg).toContain('user/lobby-phone@');
  });

  it('bridge rings only the phones the user is logged in on, then goes on to `_`; nobody while the hotdesk is not enabled', async () => {
    env.sim.setDestination('lobby-phone', { answer: 'answer', after_ms: 200 });
    const uuid = env.sim.placeCall({ from: '+15550301', to: '3002' });
    const call = await env.callOfChannel(uuid);
    const bridged = await eventually('the caller bridged', () => env.simCall(uuid).bridged_to ?? undefined, 20_000);
    expect(env.simCall(bridged).to).toBe('lobby-phone');
    expect(env.simCall(uuid).applications.find((app) => app.name === 'bridge')!.arg).not.toContain('user/bob-desk@');
    env.sim.hangup(bridged);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 20_000);
    expect(spoken(uuid)).toEqual(['Goodbye from the hotdesk.']);
    env.sim.setDestination('lobby-phone', { answer: 'no_answer' });

    const away = env.sim.placeCall({ from: '+15550302', to: '3003' });
    await env.callUntil((await env.callOfChannel(away)).id, 'hung up', (c) => c.status === 'hangup', 20_000);
    expect(env.simCall(away).applications.map((app) => app.name)).not.toContain('bridge');
    expect(spoken(away)).toEqual(['Carl is away.']);
  });

  it('logging in elsewhere logs the user out of the first phone; logging out stops the ringing', async () => {
    expect(await dialCode('kiosk', '*80', ['2002#', '4321#'])).toEqual(['Enter your hotdesk ID, then press pound.', 'Enter your PIN, then press pound.', 'You are logged in.']);
    expect(await usersOn('lobby-phone')).toEqual([]);
    expect(await usersOn('kiosk')).toHaveLength(1);
    expect(await callBob()).not.toContain('user/lobby-phone@');

    // The kiosk has one user logged in: logging out needs no id.
    expect(await dialCode('kiosk', '*81')).toEqual(['You are logged out.']);
    expect(await usersOn('kiosk')).toEqual([]);
    const arg = await callBob();
    expect(arg).toContain('user/bob-desk@');
    expect(arg).not.toContain('user/kiosk@');
  });

  it('refuses an unknown hotdesk id three times, logging nobody in', async () => {
    expect(await dialCode('lobby-phone', '*80', ['9999#', '8888#', '7777#'])).toEqual([
      'Enter your hotdesk ID, then press pound.',
      'That hotdesk ID is not valid.',
      'Enter your hotdesk ID, then press pound.',
      'That hotdesk ID is not valid.',
      'Enter your hotdesk ID, then press pound.',
      'That hotdesk ID is not valid.',
      'Hotdesking is not available.',
    ]);
    expect(await usersOn('lobby-phone')).toEqual([]);
  });
});
