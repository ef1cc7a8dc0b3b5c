import { compare } from '../domain/datetime.js';
import { CONTINUE, type ActionHandler } from './types.js';

/**
 * `condition_variable`: true falls through, false jumps. `variable` may be a name or a
 * template (`${voipbin.call.digits}`, as voipbin requires); a number that is not a
 * number compares false.
 */
export const conditionVariable: ActionHandler<'condition_variable'> = {
  async run(context) {
    const option = context.action.option;
    const written = context.stored.option.variable;
    const value = written.includes('${') ? option.variable : context.variable(written);
    let holds: boolean;
    switch (option.value_type ?? 'string') {
      case 'number': {
        const number = Number(value);
        holds = value.trim() !== '' && Number.isFinite(number) && compare(number, option.condition, option.value_number ?? 0);
        break;
      }
      case 'length':
        holds = compare(value.length, option.condition, option.value_length ?? 0);
        break;
      default:
        holds = compare(value, option.condition, option.value_string ?? '');
    }
    if (!holds) context.jumpTo(option.false_target_id, 'option.false_target_id');
    return CONTINUE;
  },
};
