import { z } from 'zod';
import { actionId, comparison } from './common.js';
import { defineAction } from './define.js';

/**
 * `condition_variable`: compares a variable with a value; true falls
 * through, false jumps to `false_target_id`. `variable` is a variable name or a
 * template such as `${voipbin.call.source.target}`.
 */
export const conditionVariableAction = defineAction({
  type: 'condition_variable',
  runsOn: 'flow',
  description: 'Falls through when a variable compares true with a value, else jumps to false_target_id.',
  option: z.looseObject({
    condition: comparison,
    variable: z.string().min(1).max(1024),
    value_type: z.enum(['string', 'number', 'length']).optional(),
    value_string: z.string().max(32768).optional(),
    value_number: z.number().optional(),
    value_length: z.number().int().min(0).optional(),
    false_target_id: actionId,
  }),
  examples: [{ condition: '==', variable: '${voipbin.call.digits}', value_type: 'string', value_string: '1', false_target_id: 'menu' }, { condition: '>', variable: 'retries', value_type: 'number', value_number: 3, false_target_id: 'again' }],
});
