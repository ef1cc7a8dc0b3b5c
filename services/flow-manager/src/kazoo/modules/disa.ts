import { flowManager } from '@voxmesh/contracts';
import { callerIdOption } from '../../domain/caller-id.js';
import { catalogData } from '../data.js';
import { emitRinging } from '../ringing.js';
import type { EmittedAction, ModuleCompiler, ModuleContext } from '../types.js';
import { DIGITS } from './collect_dtmf.js';

/** Kazoo's defaults (cf_disa, kapps_call_command). */
const DEFAULT_RETRIES = 3;
const DEFAULT_INTERDIGIT_MS = 2000;
const DEFAULT_MAX_DIGITS = 15;
const COLLECT_TIMEOUT_MS = 5000;
/** cf_disa collects at least this many PIN digits, so a PIN's length is not given away. */
const MIN_PIN_COLLECT = 10;
/** cf_disa's tones: a 10 s dial tone (350+440 Hz), and ringing (440+480 Hz, 2 s on, 4 s off). */
const DIAL_TONE = 'tone_stream://%(10000,0,350,440)';
const ringing = (repeats: number) => `tone_stream://L=${repeats};%(2000,4000,440,480)`;
export const DISA_NUMBER = 'kazoo.disa.number';

/** Links each action to the one after it. */
function chain(...actions: EmittedAction[]): EmittedAction {
  actions.forEach((action, at) => {
    const following = actions[at + 1];
    if (following) action.next_id = following.id;
  });
  return actions[0]!;
}

/** Asks for the PIN up to `retries` times; returns the entry and the check that falls through on the right PIN. */
function pinCheck(context: ModuleContext, pin: string, retries: number, interdigit: number): { entry: EmittedAction; passed: EmittedAction } {
  const length = Math.max(MIN_PIN_COLLECT, pin.length);
  const clear = context.emit('variable_set', { key: DIGITS, value: '' });
  const ask = context.emit('talk', { text: 'Enter your PIN, then press pound.', digits_handle: 'next' });
  const collect = context.emit('digits_receive', { duration: COLLECT_TIMEOUT_MS + interdigit * length, length: length + 1, key: '#' });
  const wrong = context.emit('talk', { text: 'That PIN is not valid.' });
  const check = context.emit('condition_regex', { variable: `\${${DIGITS}}`, pattern: `^${pin}#?$`, false_target_id: wrong.id });
  const again = context.emit('goto', { target_id: clear.id, loop_count: retries - 1 });
  // Out of tries the call ends, as cf_disa stops the callflow.
  const bye = context.emit('talk', { text: 'Too many attempts. Goodbye.' });
  const end = context.emit('hangup', {});
  chain(clear, ask, collect, check);
  chain(wrong, again, bye, end);
  return { entry: clear, passed: check };
}

/**
 * `disa`: answers; checks `pin` when there is one; plays a dial tone (or ringing) that
 * the first key stops; collects the number (up to `max_digits`, `#` ends it early) and
 * dials it through the account's carriers, where a failure goes to the cause's child or
 * `_`. A key-in that is not a number is asked for again, `retries` times, then `_`.
 * With `use_account_caller_id` (Kazoo's default) the call out presents the account's
 * `caller_id.external` where the account keeps one, else the caller id the call has
 * (cf_disa's maybe_update_caller_id). `enforce_call_restriction` is not read: accounts
 * here keep no call restrictions.
 */
export const disa: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.disa.data);
    const retries = Number(data.retries ?? DEFAULT_RETRIES);
    const interdigit = Number(data.interdigit ?? DEFAULT_INTERDIGIT_MS);
    const maxDigits = Number(data.max_digits ?? DEFAULT_MAX_DIGITS);
    const pin = data.pin === null || data.pin === undefined ? '' : String(data.pin);
    const answer = context.emit('answer', {});
    let last = answer;
    if (pin !== '') {
      const { entry, passed } = pinCheck(context, pin, retries, interdigit);
      answer.next_id = entry.id;
      last = passed;
    }
    const clear = context.emit('variable_set', { key: DIGITS, value: '' });
    const tone = data.preconnect_audio === 'ringing' ? ringing(Number(data.ring_repeat_count ?? 1)) : DIAL_TONE;
    const audio = context.emit('play', { stream_urls: [tone], digits_handle: 'next' });
    const collect = context.emit('digits_receive', { duration: COLLECT_TIMEOUT_MS + interdigit * maxDigits, length: maxDigits, key: '#' });
    const invalid = context.emit('talk', { text: 'That number cannot be dialled.' });
    const number = context.emit('condition_regex', { variable: `\${${DIGITS}}`, pattern: '^([0-9]+)#?$', false_target_id: invalid.id, capture_to: DISA_NUMBER });
    const again = context.emit('goto', { target_id: clear.id, loop_count: retries - 1 });
    last.next_id = chain(clear, audio, collect, number).id;
    chain(invalid, again);
    again.next_id = context.next();
    let dial: EmittedAction | undefined;
    const recording: ModuleContext = { ...context, emit: (type, option) => { const action = context.emit(type, option); dial ??= action; return action; } };
    emitRinging(recording, { to_did: `\${${DISA_NUMBER}}`, use_local_resources: true, caller_id: callerIdOption() }, 1, 'carrier_bridge');
    number.next_id = data.use_account_caller_id === false ? dial!.id : chain(context.emit('account_caller_id', {}), dial!).id;
    return undefined;
  },
};
