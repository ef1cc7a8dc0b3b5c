import { clockParts, datetimeMatches } from '../domain/datetime.js';
import { CONTINUE, type ActionHandler } from './types.js';

/** `condition_datetime`: true falls through, false jumps; see the option schema for the rules. */
export const conditionDatetime: ActionHandler<'condition_datetime'> = {
  async run(context) {
    const option = context.action.option;
    if (!datetimeMatches(option, clockParts(context.deps.now(), option.timezone))) {
      context.jumpTo(option.false_target_id, 'option.false_target_id');
    }
    return CONTINUE;
  },
};
