import { z } from 'zod';
import { actionId, comparison } from './common.js';
import { defineAction } from './define.js';

/**
 * `condition_datetime`: true falls through, false jumps to
 * `false_target_id`. When `weekdays` is given today must be one of them (0 = Sunday);
 * the fields given among month, day, hour and minute are then compared with the
 * current time as one point in time (month, then day, then hour, then minute), so
 * `>= 9:30` means half past nine, not "hour >= 9 and minute >= 30". `-1` (hour, minute)
 * and `0` (day, month) mean "any". The clock is UTC unless `timezone` names an IANA zone.
 */
export const conditionDatetimeAction = defineAction({
  type: 'condition_datetime',
  runsOn: 'flow',
  description: 'Falls through when the current time matches, else jumps to false_target_id.',
  option: z.looseObject({
    condition: comparison,
    minute: z.number().int().min(-1).max(59).optional(),
    hour: z.number().int().min(-1).max(23).optional(),
    day: z.number().int().min(0).max(31).optional(),
    month: z.number().int().min(0).max(12).optional(),
    weekdays: z.array(z.number().int().min(0).max(6)).max(7).optional(),
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
      }, 'unknown IANA time zone')
      .optional(),
    false_target_id: actionId,
  }),
  examples: [{ condition: '>=', hour: 9, minute: 30, weekdays: [1, 2, 3, 4, 5], timezone: 'Europe/Paris', false_target_id: 'closed' }],
});
