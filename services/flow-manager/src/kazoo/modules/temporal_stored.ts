import { optionalNumber, optionalString } from '../data.js';
import type { EmittedAction, ModuleContext } from '../types.js';
import { DIGITS } from './collect_dtmf.js';

type Update = 'enable' | 'disable' | 'reset';

/** What each action tells the caller, where Kazoo plays `temporal-marked_enabled` and its kin. */
const SAID: Record<Update, string> = {
  enable: 'The time of day rules are now forced on.',
  disable: 'The time of day rules are now forced off.',
  reset: 'The time of day rules now follow their schedule.',
};
/** Kazoo's menu keys for the three actions. */
const MENU_KEYS: Record<string, Update> = { '1': 'enable', '2': 'disable', '3': 'reset' };

function isTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The stored rules and rule set a node names, each checked. */
function storedRoutes(context: ModuleContext): { rules: string[]; rule_set?: string } {
  const raw = context.data.rules ?? [];
  if (!Array.isArray(raw)) context.invalid('rules', 'must be a list of temporal rule ids');
  const rules = raw.map((id, index) => {
    if (typeof id !== 'string' || id === '' || id.length > 64) context.invalid(`rules.${index}`, 'must be a temporal rule id, or every rule an inline rule object');
    return id;
  });
  const ruleSet = optionalString(context, 'rule_set');
  if (ruleSet !== undefined && ruleSet.length > 64) context.invalid('rule_set', 'must be a temporal rule set id');
  if (rules.length === 0 && ruleSet === undefined) context.invalid('rules', 'name stored temporal rules or a rule_set, or give the rules inline');
  return { rules, ...(ruleSet !== undefined ? { rule_set: ruleSet } : {}) };
}

/** Routes by the account's stored rules when the call gets here. */
export function compileStoredRoute(context: ModuleContext): undefined {
  const routes = storedRoutes(context);
  const timezone = optionalString(context, 'timezone');
  if (timezone !== undefined && !isTimezone(timezone)) context.invalid('timezone', 'must be an IANA time zone such as America/New_York');
  const targets: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of context.childKeys) if (key !== '_') targets[key] = context.child(key)!;
  context.emit('temporal_match', { ...routes, ...(timezone !== undefined ? { timezone } : {}), target_ids: targets, default_target_id: context.next() });
  return undefined;
}

/** One update and what it tells the caller, going on to `then`. */
function update(context: ModuleContext, action: Update, routes: { rules: string[]; rule_set?: string }, then: string): EmittedAction {
  const change = context.emit('temporal_rules_update', { action, ...routes });
  const said = context.emit('talk', { text: SAID[action] });
  change.next_id = said.id;
  said.next_id = then;
  return change;
}

/**
 * `enable`, `disable`, `reset`: the feature codes that force the named rules on, off
 * or back to their schedule. `menu` asks which (1, 2 or 3), as Kazoo's temporal menu.
 */
export function compileRuleAction(context: ModuleContext, action: Update | 'menu'): undefined {
  const routes = storedRoutes(context);
  const after = context.next();
  if (action !== 'menu') {
    update(context, action, routes, after);
    return undefined;
  }
  const interdigit = optionalNumber(context, 'interdigit_timeout', 1, 60_000) ?? 2000;
  const clear = context.emit('variable_set', { key: DIGITS, value: '' });
  const ask = context.emit('talk', { text: 'To force the time of day rules on, press 1. To force them off, press 2. To follow their schedule, press 3.' });
  const collect = context.emit('digits_receive', { duration: Math.round(5000 + interdigit), length: 1 });
  clear.next_id = ask.id;
  ask.next_id = collect.id;
  const targets: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, chosen] of Object.entries(MENU_KEYS)) targets[key] = update(context, chosen, routes, after).id;
  collect.next_id = context.emit('branch', { variable: DIGITS, target_ids: targets, default_target_id: after }).id;
  return undefined;
}
