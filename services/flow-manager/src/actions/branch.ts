import { CONTINUE, type ActionHandler } from './types.js';

const DIGITS = 'voipbin.call.digits';

/**
 * `branch`: jumps on a variable's value (the digits by default), then clears the
 * variable so a looping menu reads fresh input. With no match and no default the flow
 * goes on with the next action, and the miss is recorded.
 */
export const branch: ActionHandler<'branch'> = {
  async run(context) {
    const option = context.action.option;
    const name = option.variable ?? DIGITS;
    const value = context.variable(name);
    if (option.keep_variable !== true) context.setVariable(name, '');
    const matched = option.target_ids !== undefined && Object.hasOwn(option.target_ids, value) ? option.target_ids[value] : undefined;
    const target = matched ?? option.default_target_id;
    if (target === undefined) {
      context.fail('NO_BRANCH_TARGET', `branch on ${name}: no target for ${JSON.stringify(value)} and no default`);
      return CONTINUE;
    }
    context.jumpTo(target, matched !== undefined ? `option.target_ids.${value}` : 'option.default_target_id');
    return CONTINUE;
  },
};
