import { z } from 'zod';
import { actionId, comparison } from './common.js';

/**
 * `condition_variable` (flow-manager): compares a variable with a value; true falls
 * through, false jumps to `false_target_id`. `variable` is a variable name or a
 * template such as `${voipbin.call.source.target}`.
 */
export const conditionVariableOption = z.looseObject({
  condition: comparison,
  variable: z.string().min(1).max(1024),
  value_type: z.enum(['string', 'number', 'length']).optional(),
  value_string: z.string().max(32768).optional(),
  value_number: z.number().optional(),
  value_length: z.number().int().min(0).optional(),
  false_target_id: actionId,
});
