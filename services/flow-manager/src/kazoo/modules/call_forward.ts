import { flowManager } from '@voxmesh/contracts';
import { catalogData } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';
import { DIGITS } from './collect_dtmf.js';
import { CALL_SETTINGS_NUMBER, compileSettingsUpdate, emitSettingsUpdate, type Confirmations } from './call-settings.js';

/** cf_call_forward's menu keys (system config `callflow.call_forward`) and its wait for one. */
const MENU_TOGGLE = '1';
const MENU_CHANGE_NUMBER = '2';
const MENU_TIMEOUT_MS = 8000;
/** How often the menu is offered again after a key it does not know. */
const MENU_REPEATS = 10;

const confirmations: Confirmations = {
  activated: `Your calls now forward to \${${CALL_SETTINGS_NUMBER}}.`,
  deactivated: 'Call forwarding is off.',
  updated: `Your forwarding number is now \${${CALL_SETTINGS_NUMBER}}.`,
  unavailable: 'Call forwarding is not available.',
};

/**
 * `menu`: 1 turns forwarding on or off, 2 changes the number, each followed by the menu
 * again; no key ends it, as cf_call_forward's menu does.
 */
function compileMenu(context: ModuleContext): undefined {
  const answer = context.emit('answer', {});
  const head = context.emit('variable_set', { key: DIGITS, value: '' });
  const prompt = context.emit('talk', { text: 'To turn call forwarding on or off, press 1. To change the forwarding number, press 2.', digits_handle: 'next' });
  const collect = context.emit('digits_receive', { duration: MENU_TIMEOUT_MS, length: 1 });
  const choose = context.emit('branch', { variable: DIGITS, target_ids: {} });
  const again = context.emit('goto', { target_id: head.id, loop_count: MENU_REPEATS });
  again.next_id = context.next();
  answer.next_id = head.id;
  head.next_id = prompt.id;
  prompt.next_id = collect.id;
  collect.next_id = choose.id;
  const toggle = emitSettingsUpdate(context, { setting: 'call_forward', action: 'toggle', number: '' }, confirmations, head.id);
  const change = emitSettingsUpdate(context, { setting: 'call_forward', action: 'update', number: '' }, confirmations, head.id);
  choose.option.target_ids = { [MENU_TOGGLE]: toggle.id, [MENU_CHANGE_NUMBER]: change.id, '': context.next() };
  choose.option.default_target_id = again.id;
  return undefined;
}

/**
 * `call_forward`: the number comes from the feature code's pattern (`^\*72([0-9]*)$`
 * leaves it in `capture_group`), else the stored one, else the caller keys it in;
 * `menu` offers toggling and a new number by key.
 */
export const callForward: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const data = catalogData(context, flowManager.callflowModuleCatalog.call_forward.data);
    if (data.action === 'menu') return compileMenu(context);
    return compileSettingsUpdate(context, { setting: 'call_forward', action: data.action ?? 'toggle', number: '${capture_group}' }, confirmations);
  },
};
