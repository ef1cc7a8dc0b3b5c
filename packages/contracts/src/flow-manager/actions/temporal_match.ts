import { z } from 'zod';
import { actionId } from './common.js';
import { defineAction } from './define.js';

const storedId = z.string().min(1).max(64);

/**
 * `temporal_match`: reads the account's stored temporal rules when the call gets here
 * and jumps to the target of the first that holds: `target_ids` is keyed by rule id,
 * by the id of a rule set named among `rules`, or by `rule_set` for the rules of
 * `rule_set`. None holding (or no target for the one that does) goes to `default_target_id`.
 */
export const temporalMatchAction = defineAction({
  type: 'temporal_match',
  runsOn: 'flow',
  description: "Jumps to the target of the first of the account's stored temporal rules that holds now.",
  option: z.looseObject({
    rules: z.array(storedId).max(100),
    rule_set: storedId.optional(),
    /** An IANA zone; UTC when left out. */
    timezone: z
      .string()
      .max(64)
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as America/New_York')
      .optional(),
    target_ids: z.record(z.string(), actionId),
    default_target_id: actionId,
  }),
  examples: [{ rules: ['business_hours'], rule_set: 'holidays', timezone: 'America/New_York', target_ids: { business_hours: 'open', rule_set: 'closed' }, default_target_id: 'after_hours' }],
});
