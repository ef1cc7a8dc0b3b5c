import { z } from 'zod';
import { durationMs } from './common.js';

/**
 * `digits_receive` (call-manager): collects DTMF digits into `voipbin.call.digits` until
 * `length` digits, a `key` (terminator) or `duration` ms pass.
 */
export const digitsReceiveOption = z.looseObject({
  duration: durationMs,
  key: z.string().regex(/^[0-9*#A-D]*$/, 'only 0-9, *, # and A-D').max(16).optional(),
  length: z.number().int().min(1).max(128).optional(),
});
