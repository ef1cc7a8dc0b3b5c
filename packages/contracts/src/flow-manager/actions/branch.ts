import { z } from 'zod';
import { actionId } from './common.js';
import { defineAction } from './define.js';

/**
 * `branch`: jumps on the value of a variable. The variable (digits by
 * default) is cleared after it is read, so a menu that loops reads fresh digits; set
 * `keep_variable` to keep it. No match and no default falls through to the next action.
 */
export const branchAction = defineAction({
  type: 'branch',
  runsOn: 'flow',
  description: "Jumps on a variable's value (the digits by default).",
  option: z.looseObject({
    variable: z.string().min(1).max(255).optional(),
    target_ids: z.record(z.string().max(255), actionId).optional(),
    default_target_id: actionId.optional(),
    keep_variable: z.boolean().optional(),
  }),
  examples: [{ target_ids: { '1': 'sales', '2': 'support' }, default_target_id: 'operator' }, { variable: 'customer.tier', target_ids: { gold: 'vip' }, keep_variable: true }],
});
