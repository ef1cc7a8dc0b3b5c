import { optionalString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';
import { compileRuleAction, compileStoredRoute } from './temporal_stored.js';

const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  wensday: 3, // Kazoo's own spelling, still accepted by it
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/** Filled in once every rule's first check has an id. */
const PENDING = 'pending';

interface Rule {
  id: string;
  weekdays: number[] | undefined;
  start: number | undefined;
  end: number | undefined;
}

/**
 * `temporal_route`: goes to the child of the first rule that holds now, else `_`.
 * Stored rules (`data.rules` as ids, `data.rule_set`) are read when the call gets there
 * (temporal_stored.ts), as are the enable / disable / reset / menu actions. Rules given
 * inline as `{id, wdays, time_window_start, time_window_end}` (seconds from midnight,
 * Kazoo's fields), in `data.timezone` (UTC by default), each become a chain of
 * condition_datetime actions.
 */
export const temporalRoute: ModuleCompiler = {
  routesChildren: true,
  compile(context: ModuleContext) {
    const action = optionalString(context, 'action');
    if (action === 'enable' || action === 'disable' || action === 'reset' || action === 'menu') return compileRuleAction(context, action);
    if (action !== undefined) context.invalid('action', 'must be menu, enable, disable or reset');
    const timezone = optionalString(context, 'timezone');
    const raw = context.data.rules;
    const inline = Array.isArray(raw) && raw.some((item) => typeof item === 'object' && item !== null);
    if (!inline) return compileStoredRoute(context);
    if (!Array.isArray(raw)) context.invalid('rules', 'give the rules inline: [{id, wdays, time_window_start, time_window_end}]');
    const rules = raw.map((item, index): Rule => {
      if (typeof item !== 'object' || item === null) context.invalid(`rules.${index}`, 'a rule given inline is an object {id, wdays, time_window_start, time_window_end}; give every rule inline, or every rule as an id');
      const rule = item as Record<string, unknown>;
      if (typeof rule.id !== 'string' || rule.id === '') context.invalid(`rules.${index}.id`, 'is required');
      let weekdays: number[] | undefined;
      if (rule.wdays !== undefined) {
        if (!Array.isArray(rule.wdays)) context.invalid(`rules.${index}.wdays`, 'must be a list of weekday names');
        weekdays = rule.wdays.map((day, at) => {
          const number = typeof day === 'string' ? WEEKDAYS[day.toLowerCase()] : undefined;
          if (number === undefined) context.invalid(`rules.${index}.wdays.${at}`, 'must be a weekday name (monday ... sunday)');
          return number;
        });
      }
      const seconds = (field: string): number | undefined => {
        const value = rule[field];
        if (value === undefined) return undefined;
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 86_400) context.invalid(`rules.${index}.${field}`, 'must be seconds from midnight, 0 to 86400');
        return value;
      };
      return { id: rule.id, weekdays, start: seconds('time_window_start'), end: seconds('time_window_end') };
    });
    const zone = timezone !== undefined ? { timezone } : {};
    // Each rule's checks jump to the next rule's first check when they fail.
    const chains = rules.map((rule) => {
      const checks = [];
      if (rule.weekdays !== undefined) checks.push(context.emit('condition_datetime', { condition: '==', weekdays: rule.weekdays, false_target_id: PENDING, ...zone }));
      if (rule.start !== undefined && rule.start > 0) {
        checks.push(context.emit('condition_datetime', { condition: '>=', hour: Math.floor(rule.start / 3600), minute: Math.floor((rule.start % 3600) / 60), false_target_id: PENDING, ...zone }));
      }
      if (rule.end !== undefined && rule.end < 86_400) {
        checks.push(context.emit('condition_datetime', { condition: '<', hour: Math.floor(rule.end / 3600), minute: Math.floor((rule.end % 3600) / 60), false_target_id: PENDING, ...zone }));
      }
      // A rule with nothing to check always holds; a goto stands in for it.
      if (checks.length === 0) checks.push(context.emit('goto', { target_id: PENDING }));
      return { rule, checks };
    });
    const fallback = context.next();
    chains.forEach(({ rule, checks }, index) => {
      const otherwise = chains[index + 1]?.checks[0]?.id ?? fallback;
      const matched = context.child(rule.id) ?? fallback;
      for (const [at, check] of checks.entries()) {
        if (check.type === 'goto') check.option.target_id = matched;
        else {
          check.option.false_target_id = otherwise;
          check.next_id = checks[at + 1]?.id ?? matched;
        }
      }
    });
    return undefined;
  },
};
