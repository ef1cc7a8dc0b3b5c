import { CONTINUE, type ActionHandler } from './types.js';

/** `temporal_match`: the target of the first stored rule that holds now, else the default. */
export const temporalMatch: ActionHandler<'temporal_match'> = {
  async run(context) {
    const option = context.action.option;
    const key = await context.deps.temporal.firstHolding(context.state.account_id, { rules: option.rules, rule_set: option.rule_set }, context.deps.now(), option.timezone);
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
