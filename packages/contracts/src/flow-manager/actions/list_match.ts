import { z } from 'zod';
import { actionId } from './common.js';
import { defineAction } from './define.js';

/**
 * `list_match`: whether a number is on one of the account's caller-id match lists (an
 * entry's number is a prefix of it, or an entry's pattern matches it). On the list falls
 * through; off it, or a list that does not exist, jumps to `false_target_id`.
 */
export const listMatchAction = defineAction({
  type: 'list_match',
  runsOn: 'flow',
  description: "Falls through when a number is on one of the account's caller-id match lists, else jumps to false_target_id.",
  option: z.looseObject({
    list_id: z.string().min(1).max(64),
    /** The number to look up, a template such as `${voipbin.call.source.target}`. */
    number: z.string().max(1024),
    false_target_id: actionId,
  }),
  examples: [{ list_id: '01fc63f92d9b89a25dd4ff1039e64497', number: '${voipbin.call.source.target}', false_target_id: 'nomatch' }],
});
