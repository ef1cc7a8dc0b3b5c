import { z } from 'zod';
import { optionalInteger } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.fax_detect`: listens `duration` seconds (default 5) for a calling
 * fax's tone. A fax goes to the `fax` child (Kazoo's older `ON_FAX` too), a voice call
 * to `_` (or `ON_VOICE`).
 */
export const faxDetectModule = defineModule({
  module: 'fax_detect',
  description: 'Sends a fax call to the `fax` child and a voice call to `_`.',
  data: z.looseObject({
    duration: optionalInteger(1, 60),
    skip_module: z.boolean().nullable().optional(),
  }),
  examples: [
    { data: { duration: 3 }, children: { fax: { module: 'hangup' }, _: { module: 'tts', data: { text: 'Hello.' } } } },
    { data: {}, children: { ON_FAX: { module: 'hangup' }, ON_VOICE: { module: 'tts', data: { text: 'Hello.' } } } },
  ],
});
