import { z } from 'zod';
import { defineModule } from './define.js';

/** Kazoo's `callflows.sleep`. */
export const sleepModule = defineModule({
  module: 'sleep',
  description: 'Waits duration units (seconds by default).',
  data: z.looseObject({
    duration: z.union([z.number().min(0).max(86_400_000), z.string()]).nullable().optional(),
    /** ms, s (default), m or h. */
    unit: z.enum(['ms', 's', 'm', 'h']).nullable().optional(),
  }),
  examples: [{ data: { duration: 2 } }, { data: { duration: 500, unit: 'ms' } }],
});
