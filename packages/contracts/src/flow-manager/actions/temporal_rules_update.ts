import { z } from 'zod';
import { defineAction } from './define.js';

const storedId = z.string().min(1).max(64);

/**
 * `temporal_rules_update`: forces the account's stored temporal rules (a rule set among
 * `rules`, and `rule_set`, stand for their rules) on (`enable`), off (`disable`) or back
 * to their schedule (`reset`), as Kazoo's temporal_route feature codes do.
 */
export const temporalRulesUpdateAction = defineAction({
  type: 'temporal_rules_update',
  runsOn: 'flow',
  description: "Forces the account's stored temporal rules on, off, or back to their schedule.",
  option: z.looseObject({
    action: z.enum(['enable', 'disable', 'reset']),
    rules: z.array(storedId).max(100),
    rule_set: storedId.optional(),
  }),
  examples: [{ action: 'enable', rules: [], rule_set: 'holidays' }],
});
