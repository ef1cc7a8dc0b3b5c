import { CONTINUE, type ActionHandler } from './types.js';

/** A zone the platform's clock can read; an account's may be anything its owner wrote. */
function readable(zone: string | undefined): string | undefined {
  if (zone === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/**
 * `temporal_match`: the target of the first stored rule that holds now, else the
 * default. Rules are read in the option's timezone, else the account's (as
 * cf_temporal_route does), else UTC.
 */
export const temporalMatch: ActionHandler<'temporal_match'> = {
  async run(context) {
    const option = context.action.option;
    let timezone = option.timezone;
    if (timezone === undefined) {
      const accountZone = await context.deps.timezones.timezone(context.state.account_id, context.deps.settings.remoteTimeoutMs);
      timezone = readable(accountZone);
      if (accountZone !== undefined && timezone === undefined) context.fail('BAD_TIMEZONE', `temporal_match: the account's timezone ${JSON.stringify(accountZone)} is not one the clock knows; rules read in UTC`);
    }
    const key = await context.deps.temporal.firstHolding(context.state.account_id, { rules: option.rules, rule_set: option.rule_set }, context.deps.now(), timezone);
    const target = key !== undefined && Object.hasOwn(option.target_ids, key) ? option.target_ids[key] : undefined;
    if (target !== undefined) context.jumpTo(target, `option.target_ids.${key}`);
    else context.jumpTo(option.default_target_id, 'option.default_target_id');
    return CONTINUE;
  },
};

const ENABLED = { enable: true, disable: false, reset: undefined } as const;

/** `temporal_rules_update`: forces the rules on, off, or back to their schedule. */
export const temporalRulesUpdate: ActionHandler<'temporal_rules_update'> = {
  async run(context) {
    const option = context.action.option;
    await context.deps.temporal.setEnabled(context.state.account_id, { rules: option.rules, rule_set: option.rule_set }, ENABLED[option.action]);
    return CONTINUE;
  },
};
