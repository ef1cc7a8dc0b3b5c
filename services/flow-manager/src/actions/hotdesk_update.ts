import { VoipError } from '@voxmesh/wire';
import { CONTINUE, type ActionContext, type ActionHandler, type HotdeskUser } from './types.js';

export const HOTDESK_RESULT = 'voipbin.hotdesk.result';
export const HOTDESK_USER = 'voipbin.hotdesk.user_id';

type Context = ActionContext<'hotdesk_update'>;
type Outcome = 'logged_in' | 'logged_out' | 'id_required' | 'unknown_user' | 'pin_required' | 'pin_invalid' | 'unavailable' | 'failed';
type Devices = { id: string; users: string[] }[];

/** A keyed-in value arrives with the `#` that ended it. */
const keyed = (value: string | undefined) => (value ?? '').trim().replace(/#+$/, '');

/** The user named by id, by hotdesk id, or (logging out) the one logged in on the device. */
async function whom(context: Context, deviceId: string, devices: () => Promise<Devices>): Promise<HotdeskUser | Outcome> {
  const { deps, state, action } = context;
  const timeout = deps.settings.remoteTimeoutMs;
  const userId = keyed(action.option.user_id);
  const hotdeskId = keyed(action.option.hotdesk_id);
  if (userId !== '') return (await deps.hotdesk.user(state.account_id, userId, timeout)) ?? 'unknown_user';
  if (hotdeskId !== '') return (await deps.hotdesk.userByHotdeskId(state.account_id, hotdeskId, timeout)) ?? 'unknown_user';
  if (action.option.action === 'login') return 'id_required';
  const here = (await devices()).find((device) => device.id === deviceId)?.users ?? [];
  if (here.length !== 1) return 'id_required';
  return (await deps.hotdesk.user(state.account_id, here[0]!, timeout)) ?? 'unknown_user';
}

async function update(context: Context): Promise<Outcome> {
  const { deps, state } = context;
  const timeout = deps.settings.remoteTimeoutMs;
  const deviceId = context.variable('voipbin.call.device_id');
  if (deviceId === '') return 'unavailable';
  let listed: Devices | undefined;
  const devices = async () => (listed ??= await deps.hotdesk.devices(state.account_id, timeout));
  const user = await whom(context, deviceId, devices);
  if (typeof user === 'string') return user;
  context.setVariable(HOTDESK_USER, user.id);
  const loggedIn = (await devices()).filter((device) => device.users.includes(user.id));
  const action = context.action.option.action === 'toggle' ? (loggedIn.length === 0 ? 'login' : 'logout') : context.action.option.action;
  const keep = user.hotdesk.keep_logged_in_elsewhere === true;
  const without = (device: { id: string; users: string[] }) => deps.hotdesk.setUsers(state.account_id, device.id, device.users.filter((id) => id !== user.id), timeout);
  if (action === 'logout') {
    for (const device of loggedIn) if (!keep || device.id === deviceId) await without(device);
    return 'logged_out';
  }
  if (user.hotdesk.require_pin === true) {
    const pin = keyed(context.action.option.pin);
    if (pin === '') return 'pin_required';
    if (pin !== user.hotdesk.pin) return 'pin_invalid';
  }
  if (!keep) for (const device of loggedIn) if (device.id !== deviceId) await without(device);
  const here = (await devices()).find((device) => device.id === deviceId);
  if (!here) return 'unavailable';
  if (!here.users.includes(user.id)) await deps.hotdesk.setUsers(state.account_id, deviceId, [...here.users, user.id], timeout);
  return 'logged_in';
}

/** `hotdesk_update`: see the catalog entry; customer-manager failing is recorded and left as `failed`. */
export const hotdeskUpdate: ActionHandler<'hotdesk_update'> = {
  async run(context) {
    let outcome: Outcome;
    try {
      outcome = await update(context);
    } catch (error) {
      const message = error instanceof VoipError ? `${error.status}: ${error.message}` : String(error);
      context.fail('HOTDESK_FAILED', `hotdesk_update: ${message}`);
      outcome = 'failed';
    }
    context.setVariable(HOTDESK_RESULT, outcome);
    return CONTINUE;
  },
};
