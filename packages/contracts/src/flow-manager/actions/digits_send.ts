import { z } from 'zod';
import { defineAction } from './define.js';

export const digitsSendAction = defineAction({
  type: 'digits_send',
  runsOn: 'media',
  description: 'Sends DTMF digits.',
  option: z.looseObject({
    digits: z.string().min(1).max(128).regex(/^[0-9*#A-Da-d]+$/, 'only 0-9, *, # and A-D'),
    duration: z.number().int().min(100).max(1000).optional(),
    interval: z.number().int().min(0).max(5000).optional(),
  }),
  examples: [{ digits: '123#', duration: 250, interval: 100 }],
});
