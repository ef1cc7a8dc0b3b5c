import { z } from 'zod';
import { durationMs } from './common.js';
import { defineAction } from './define.js';

/**
 * `digits_receive`: collects DTMF digits into `voipbin.call.digits` until
 * `length` digits, a `key` (terminator) or `duration` ms pass.
 */
export const digitsReceiveAction = defineAction({
  type: 'digits_receive',
  runsOn: 'media',
  description: 'Collects DTMF digits into voipbin.call.digits.',
  option: z.looseObject({
    duration: durationMs,
    key: z.string().regex(/^[0-9*#A-D]*$/, 'only 0-9, *, # and A-D').max(16).optional(),
    length: z.number().int().min(1).max(128).optional(),
  }),
  examples: [{ duration: 5000, length: 4, key: '#' }],
});
