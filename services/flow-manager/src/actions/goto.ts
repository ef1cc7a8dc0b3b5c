import { CONTINUE, type ActionHandler } from './types.js';

/**
 * `goto`: jumps to its target. With `loop_count` the count is kept on the stored action
 * and goes down by one per jump; at 0 the goto falls through.
 */
export const goto: ActionHandler<'goto'> = {
  async run(context) {
    const remaining = context.stored.option.loop_count;
    if (remaining !== undefined) {
      if (remaining <= 0) return CONTINUE;
      context.stored.option.loop_count = remaining - 1;
    }
    context.jumpTo(context.action.option.target_id, 'option.target_id');
    return CONTINUE;
  },
};
