import { CALL_SETTINGS_NUMBER, CALL_SETTINGS_RESULT } from '../../actions/call_settings_update.js';
import type { EmittedAction, ModuleContext } from '../types.js';
import { DIGITS } from './collect_dtmf.js';

/** What the caller hears after each outcome (Kazoo plays its `cf-*` and `dnd-*` prompts there). */
export interface Confirmations {
  activated: string;
  deactivated: string;
  updated?: string;
  unavailable: string;
}

/** Kazoo's bounds on a keyed-in forward number (system config `callflow.call_forward`). */
const MAX_NUMBER_DIGITS = 20;
const NUMBER_TIMEOUT_MS = 8000;
const NUMBER_INTERDIGIT_MS = 2000;
/** How often a forward number is asked for before giving up. */
const NUMBER_TRIES = 3;

function sayThen(context: ModuleContext, text: string, after: string): EmittedAction {
  const talk = context.emit('talk', { text });
  talk.next_id = after;
  return talk;
}

type SettingsOption = { setting: 'call_forward' | 'do_not_disturb'; action: 'activate' | 'deactivate' | 'toggle' | 'update'; id?: string; number?: string };

/**
 * Answers, changes the setting, and says what came of it. When call forwarding is to be
 * turned on and no number is known (none captured from the feature code, none stored),
 * the caller is asked to key one in, as cf_call_forward does.
 */
export function compileSettingsUpdate(context: ModuleContext, option: SettingsOption, confirm: Confirmations): undefined {
  const answer = context.emit('answer', {});
  answer.next_id = emitSettingsUpdate(context, option, confirm, context.next()).id;
  return undefined;
}

/** The change and what the caller hears of it, going on to `after`; returns the entry. */
export function emitSettingsUpdate(context: ModuleContext, option: SettingsOption, confirm: Confirmations, after: string): EmittedAction {
  const say = (text: string) => sayThen(context, text, after);
  const update = context.emit('call_settings_update', option);
  const targets: Record<string, string> = Object.create(null) as Record<string, string>;
  targets.activated = say(confirm.activated).id;
  targets.deactivated = say(confirm.deactivated).id;
  if (confirm.updated) targets.updated = say(confirm.updated).id;
  const outcome = context.emit('branch', { variable: CALL_SETTINGS_RESULT, target_ids: targets, default_target_id: say(confirm.unavailable).id });
  update.next_id = outcome.id;
  if (option.setting !== 'call_forward') return update;

  const ask = context.emit('talk', { text: 'Enter the number to forward your calls to, then press pound.' });
  targets.number_missing = ask.id;
  const clear = context.emit('variable_set', { key: DIGITS, value: '' });
  const collect = context.emit('digits_receive', { duration: NUMBER_TIMEOUT_MS + NUMBER_INTERDIGIT_MS * MAX_NUMBER_DIGITS, length: MAX_NUMBER_DIGITS, key: '#' });
  const keyed = context.emit('call_settings_update', { ...option, action: option.action === 'update' ? 'update' : 'activate', number: `\${${DIGITS}}` });
  const again = context.emit('goto', { target_id: outcome.id, loop_count: NUMBER_TRIES });
  ask.next_id = clear.id;
  clear.next_id = collect.id;
  collect.next_id = keyed.id;
  keyed.next_id = again.id;
  again.next_id = say(confirm.unavailable).id;
  outcome.option.target_ids = targets;
  return update;
}

export { CALL_SETTINGS_NUMBER };
