import { z } from 'zod';
import { optionalInteger } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.send_dtmf` (pivot/doc/kazoo/dtmf.md). */
export const sendDtmfModule = defineModule({
  module: 'send_dtmf',
  description: 'Sends DTMF digits on the call.',
  data: z.looseObject({
    digits: z.string().min(1).max(128),
    /** How long each digit lasts, in ms. */
    duration_ms: optionalInteger(100, 1000),
  }),
  examples: [{ data: { digits: '123#', duration_ms: 250 } }],
});
