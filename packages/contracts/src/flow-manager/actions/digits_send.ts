import { z } from 'zod';

/** `digits_send` (call-manager): sends DTMF digits. */
export const digitsSendOption = z.looseObject({
  digits: z.string().min(1).max(128).regex(/^[0-9*#A-Da-d]+$/, 'only 0-9, *, # and A-D'),
  duration: z.number().int().min(100).max(1000).optional(),
  interval: z.number().int().min(0).max(5000).optional(),
});
