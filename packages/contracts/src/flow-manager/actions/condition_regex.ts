import { z } from 'zod';
import { actionId } from './common.js';
import { defineAction } from './define.js';

/** A pattern that compiles as a JavaScript regular expression (Kazoo's are PCRE; the common subset reads the same). */
export const regexPattern = z
  .string()
  .min(1)
  .max(512)
  .refine((pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');

/**
 * `condition_regex`: tests a variable against a regular expression (unanchored, as
 * Kazoo's `re:run`); a match falls through, anything else jumps to `false_target_id`.
 * `variable` is a variable name or a template such as `${voipbin.call.source.target}`.
 * On a match, `capture_to` (when given) receives the first capture group, else the match.
 */
export const conditionRegexAction = defineAction({
  type: 'condition_regex',
  runsOn: 'flow',
  description: 'Falls through when a variable matches a regular expression, else jumps to false_target_id.',
  option: z.looseObject({
    variable: z.string().min(1).max(1024),
    pattern: regexPattern,
    false_target_id: actionId,
    capture_to: z.string().min(1).max(255).optional(),
  }),
  examples: [{ variable: '${voipbin.call.source.target}', pattern: '^\\+1555', false_target_id: 'nomatch' }],
});
