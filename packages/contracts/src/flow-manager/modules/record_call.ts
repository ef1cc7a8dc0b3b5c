import { z } from 'zod';
import { optionalInteger } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.record_call`. */
export const recordCallModule = defineModule({
  module: 'record_call',
  description: 'Starts (by default) or stops recording the call.',
  data: z.looseObject({
    action: z.enum(['start', 'stop']).nullable().optional(),
    format: z.enum(['wav', 'mp3']).nullable().optional(),
    /** Seconds. */
    time_limit: optionalInteger(0, 86_400),
  }),
  examples: [{ data: { action: 'start', format: 'mp3', time_limit: 600 } }, { data: { action: 'stop' } }],
});
