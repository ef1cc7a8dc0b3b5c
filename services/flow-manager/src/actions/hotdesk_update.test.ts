import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { hotdeskUpdate } from './hotdesk_update.js';
import type { HotdeskStore, HotdeskUser } from './types.js';

function account(users: HotdeskUser[], devices: Record<string, string[]>) {
  const saved: [string, string[]][] = [];
  const hotdesk: HotdeskStore = {
    user: async (_account, id) => users.find((user) => user.id === id),
    userByHotdeskId: async (_account, hotdeskId) => users.find((user) => user.hotdesk.id === hotdeskId),
    devices: async () => Object.entries(devices).map(([id, on]) => ({ id, users: on })),
    setUsers: async (_account, id, on) => void saved.push([id, on]),
  };
  return { hotdesk, saved };
}

const bob: HotdeskUser = { id: 'bob', hotdesk: { id: '2002', pin: '4321', require_pin: true } };
const amy: HotdeskUser = { id: 'amy', hotdesk: { id: '3003', keep_logged_in_elsewhere: true } };

async function run(option: Record<string, unknown>, devices: Record<string, string[]>, deviceId = 'lobby') {
  const store = account([bob, amy], devices);
  const fake = fakeContext('hotdesk_update', option, { state: { variables: deviceId ? { 'voipbin.call.device_id': deviceId } : {} }, deps: { hotdesk: store.hotdesk } });
  await hotdeskUpdate.run(fake.context);
  return { result: fake.variables['voipbin.hotdesk.result'], user: fake.variables['voipbin.hotdesk.user_id'], saved: store.saved };
}

describe('hotdesk_update', () => {
  it('asks for the id, then the PIN, and logs in on the calling device, out of the others', async () => {
    expect((await run({ action: 'login' }, { lobby: [] })).result).toBe('id_required');
    expect(await run({ action: 'login', hotdesk_id: '2002#' }, { lobby: [] })).toMatchObject({ result: 'pin_required', user: 'bob', saved: [] });
    expect((await run({ action: 'login', user_id: 'bob', pin: '1111#' }, { lobby: [] })).result).toBe('pin_invalid');
    expect(await run({ action: 'login', user_id: 'bob', pin: '4321#' }, { lobby: ['amy'], kiosk: ['bob'] })).toMatchObject({
      result: 'logged_in',
      saved: [['kiosk', []], ['lobby', ['amy', 'bob']]],
    });
  });

  it('keeps a user logged in elsewhere when the user says so, and logs out here only', async () => {
    expect((await run({ action: 'login', hotdesk_id: '3003' }, { lobby: [], kiosk: ['amy'] })).saved).toEqual([['lobby', ['amy']]]);
    expect((await run({ action: 'logout' }, { lobby: ['amy'], kiosk: ['amy'] })).saved).toEqual([['lobby', []]]);
  });

  it('logs out the one user of the device, everywhere; toggles by where the user is logged in', async () => {
    expect(await run({ action: 'logout' }, { lobby: ['bob'], kiosk: ['bob'] })).toMatchObject({ result: 'logged_out', saved: [['lobby', []], ['kiosk', []]] });
    expect((await run({ action: 'logout' }, { lobby: ['bob', 'amy'] })).result).toBe('id_required');
    expect((await run({ action: 'toggle', user_id: 'bob' }, { lobby: [], kiosk: ['bob'] })).result).toBe('logged_out');
    expect((await run({ action: 'toggle', user_id: 'bob', pin: '4321' }, { lobby: [] })).result).toBe('logged_in');
  });

  it('is unknown_user for an id nobody has, and unavailable without a calling device', async () => {
    expect((await run({ action: 'login', hotdesk_id: '9999' }, { lobby: [] })).result).toBe('unknown_user');
    expect((await run({ action: 'login', user_id: 'bob' }, {}, '')).result).toBe('unavailable');
  });
});
