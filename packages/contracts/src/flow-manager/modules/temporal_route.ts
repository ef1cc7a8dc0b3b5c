import { z } from 'zod';
import { optionalInteger, optionalText } from './common.js';
import { defineModule } from './define.js';

const weekday = z.string().regex(/^(sunday|monday|tuesday|wednesday|wensday|thursday|friday|saturday)$/i, 'must be a weekday name (monday ... sunday)');
const secondsOfDay = z.number().int().min(0).max(86_400);

/** A rule given inline (this platform's shorthand), with Kazoo's field names. */
const inlineRule = z.looseObject({
  id: z.string().min(1).max(128),
  wdays: z.array(weekday).optional(),
  time_window_start: secondsOfDay.optional(),
  time_window_end: secondsOfDay.optional(),
});

/**
 * Kazoo's `callflows.temporal_route`. `rules` names the account's stored temporal rules
 * (`/v2/accounts/{ACCOUNT_ID}/temporal_rules`; a rule set's id stands for its rules) and
 * `rule_set` a stored rule set; children are keyed by rule id, by the set's id, or
 * `rule_set`, with `_` when none holds. `action` enable / disable / reset forces the
 * named rules on, off or back to their schedule (feature codes). Rules may also be given
 * inline as `{id, wdays, time_window_start, time_window_end}`.
 */
export const temporalRouteModule = defineModule({
  module: 'temporal_route',
  description: 'Goes to the child of the first temporal rule that holds now, else `_`; or forces rules on, off or back.',
  data: z.looseObject({
    action: z.enum(['menu', 'enable', 'disable', 'reset']).nullable().optional(),
    timezone: optionalText,
    rules: z.union([z.array(z.string().min(1).max(64)).max(100), z.array(inlineRule).min(1).max(100)]).nullable().optional(),
    rule_set: optionalText,
    interdigit_timeout: optionalInteger(1, 60_000),
  }),
  examples: [
    {
      data: { timezone: 'America/Los_Angeles', rules: ['6c6b1ab9e4a8a6e6b9b2c2b6a2b9f7d1'] },
      children: { '6c6b1ab9e4a8a6e6b9b2c2b6a2b9f7d1': { module: 'tts', data: { text: 'We are open.' } }, _: { module: 'tts', data: { text: 'We are closed.' } } },
    },
    {
      data: { rule_set: '0f3b9a3c6a2b4d1e8c7f5a9b2d4e6f80', rules: ['6c6b1ab9e4a8a6e6b9b2c2b6a2b9f7d1'] },
      children: { rule_set: { module: 'tts', data: { text: 'Closed for the holiday.' } }, '6c6b1ab9e4a8a6e6b9b2c2b6a2b9f7d1': { module: 'tts', data: { text: 'Open.' } } },
    },
    { data: { action: 'disable', rules: ['6c6b1ab9e4a8a6e6b9b2c2b6a2b9f7d1'] } },
    {
      data: { timezone: 'America/New_York', rules: [{ id: 'open', wdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], time_window_start: 32400, time_window_end: 61200 }] },
      children: { open: { module: 'tts', data: { text: 'We are open.' } }, _: { module: 'tts', data: { text: 'We are closed.' } } },
    },
  ],
});
