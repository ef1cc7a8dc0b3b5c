import { z } from 'zod';
import { optionalText } from './common.js';
import { defineModule } from './define.js';

const weekday = z.string().regex(/^(sunday|monday|tuesday|wednesday|wensday|thursday|friday|saturday)$/i, 'must be a weekday name (monday ... sunday)');
const secondsOfDay = z.number().int().min(0).max(86_400);

/**
 * Kazoo's `callflows.temporal_route`, with its rules given inline (Kazoo stores them as
 * temporal_rules documents; stored ones are not supported). Children are keyed by rule id.
 */
export const temporalRouteModule = defineModule({
  module: 'temporal_route',
  description: 'Goes to the child of the first rule that holds now, else `_`.',
  data: z.looseObject({
    timezone: optionalText,
    rules: z
      .array(
        z.looseObject({
          id: z.string().min(1).max(128),
          wdays: z.array(weekday).optional(),
          time_window_start: secondsOfDay.optional(),
          time_window_end: secondsOfDay.optional(),
        }),
      )
      .min(1),
  }),
  examples: [
    {
      data: { timezone: 'America/New_York', rules: [{ id: 'open', wdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], time_window_start: 32400, time_window_end: 61200 }] },
      children: { open: { module: 'tts', data: { text: 'We are open.' } }, _: { module: 'tts', data: { text: 'We are closed.' } } },
    },
  ],
});
