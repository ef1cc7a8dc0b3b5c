import { CONTINUE, type ActionHandler } from './types.js';

/** `list_match`: on the account's list falls through, off it jumps. */
export const listMatch: ActionHandler<'list_match'> = {
  async run(context) {
    const option = context.action.option;
    const onList = await context.deps.lists.matches(context.state.account_id, option.list_id, option.number);
    if (!onList) context.jumpTo(option.false_target_id, 'option.false_target_id');
    return CONTINUE;
  },
};
