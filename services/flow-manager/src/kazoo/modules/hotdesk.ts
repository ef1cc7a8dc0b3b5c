import { flowManager } from '@voxmesh/contracts';
import { HOTDESK_RESULT, HOTDESK_USER } from '../../actions/hotdesk_update.js';
import { emptyRecord } from '@voxmesh/wire';
import { callerIdOption } from '../../domain/caller-id.js';
import { catalogData } from '../data.js';
import { BRIDGE_RESULT, DEFAULT_TIMEOUT_S } from '../ringing.js';
import type { EmittedAction, ModuleCompiler, ModuleContext } from '../types.js';
import { DIGITS } from './collect_dtmf.js';

/** cf_hotdesk's bounds (system config `callflow.hotdesk`) and kapps_call_command's timeouts. */
const MAX_ATTEMPTS = 3;
const MAX_ID_LENGTH = 10;
const MAX_PIN_LENGTH = 6;
const DEFAULT_INTERDIGIT_MS = 2000;
const COLLECT_TIMEOUT_MS = 5000;
/** Each outcome is read again after a key-in; this bounds the whole exchange. */
const MAX_ROUNDS = 2 * MAX_ATTEMPTS + 1;

function chain(...actions: EmittedAction[]): EmittedAction {
  actions.forEach((action, at) => {
    const following = actions[at + 1];
    if (following) action.next_id = following.id;
  });
  return actions[0]!;
}

/**
 * cf_hotdesk's bridge: the devices the user is logged in on ring together for 20 s. Unlike
 * the device and user modules, the callflow goes on to `_` after an answered call too;
 * a failure cause with a child of that name goes there (cf_util:handle_bridge_failure).
 */
function bridgeToHotdesk(context: ModuleContext, userId: string | undefined): undefined {
  if (!userId) return context.invalid('id', 'bridge needs the id of the user whose hotdesk devices ring');
  const bridge = context.emit('bridge', { endpoints: [{ type: 'hotdesk', id: userId }], timeout: DEFAULT_TIMEOUT_S * 1000, caller_id: callerIdOption() });
  const failures = emptyRecord<string>();
  for (const key of context.childKeys) if (key !== '_') failures[key] = context.child(key)!;
  bridge.next_id = context.emit('branch', { variable: BRIDGE_RESULT, target_ids: failures, default_target_id: context.next() }).id;
  return undefined;
}

/**
 * `hotdesk`: answers, then asks `hotdesk_update` and acts on its outcome: asks for the
 * hotdesk id or the PIN when it needs one (three tries each), and says what it did.
 */
export const hotdesk: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.hotdesk.data);
    if (data.action === 'bridge') return bridgeToHotdesk(context, data.id ?? undefined);
    const interdigit = Number(data.interdigit_timeout ?? DEFAULT_INTERDIGIT_MS);
    const say = (text: string) => {
      const talk = context.emit('talk', { text });
      talk.next_id = context.next();
      return talk;
    };
    const answer = context.emit('answer', {});
    const first = context.emit('hotdesk_update', { action: data.action, ...(data.id ? { user_id: data.id } : {}) });
    const abort = say('Hotdesking is not available.');
    const outcome = context.emit('branch', { variable: HOTDESK_RESULT, target_ids: {}, default_target_id: abort.id });
    chain(answer, first, outcome);

    const ask = (prompt: string, length: number, option: Record<string, unknown>) => {
      const clear = context.emit('variable_set', { key: DIGITS, value: '' });
      const talk = context.emit('talk', { text: prompt, digits_handle: 'next' });
      const collect = context.emit('digits_receive', { duration: COLLECT_TIMEOUT_MS + interdigit * length, length: length + 1, key: '#' });
      const again = context.emit('hotdesk_update', { action: data.action, ...option });
      const back = context.emit('goto', { target_id: outcome.id, loop_count: MAX_ROUNDS });
      chain(clear, talk, collect, again, back);
      back.next_id = abort.id;
      return clear;
    };
    const retry = (text: string, target: EmittedAction) => {
      const sorry = context.emit('talk', { text });
      const again = context.emit('goto', { target_id: target.id, loop_count: MAX_ATTEMPTS - 1 });
      chain(sorry, again);
      again.next_id = abort.id;
      return sorry;
    };
    const askId = ask('Enter your hotdesk ID, then press pound.', MAX_ID_LENGTH, { hotdesk_id: `\${${DIGITS}}` });
    const askPin = ask('Enter your PIN, then press pound.', MAX_PIN_LENGTH, { user_id: `\${${HOTDESK_USER}}`, pin: `\${${DIGITS}}` });
    outcome.option.target_ids = {
      logged_in: say('You are logged in.').id,
      logged_out: say('You are logged out.').id,
      id_required: askId.id,
      unknown_user: retry('That hotdesk ID is not valid.', askId).id,
      pin_required: askPin.id,
      pin_invalid: retry('That PIN is not valid.', askPin).id,
    };
    return undefined;
  },
};
