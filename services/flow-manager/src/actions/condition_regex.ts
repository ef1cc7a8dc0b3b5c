import { CONTINUE, type ActionHandler } from './types.js';

/**
 * Caller ids, digits and numbers are short; a longer subject is cut so that a costly
 * pattern written into a flow cannot hold the engine for long.
 */
const MAX_SUBJECT = 256;

/**
 * `condition_regex`: a match falls through, anything else jumps. `variable` may be a
 * name or a template, as in `condition_variable`.
 */
export const conditionRegex: ActionHandler<'condition_regex'> = {
  async run(context) {
    const option = context.action.option;
    const written = context.stored.option.variable;
    const value = (written.includes('${') ? option.variable : context.variable(written)).slice(0, MAX_SUBJECT);
    const match = new RegExp(option.pattern).exec(value);
    if (!match) context.jumpTo(option.false_target_id, 'option.false_target_id');
    else if (option.capture_to !== undefined) context.setVariable(option.capture_to, match[1] ?? match[0]);
    return CONTINUE;
  },
};
