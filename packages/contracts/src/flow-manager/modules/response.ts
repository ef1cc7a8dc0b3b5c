import { z } from 'zod';
import { optionalInteger, optionalText } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.response` (pivot/doc/kazoo/hangups.md): the INVITE answered with a SIP code. */
export const responseModule = defineModule({
  module: 'response',
  description: 'Answers the call with a SIP status (486 busy by default) after optional early media.',
  data: z.looseObject({
    code: optionalInteger(100, 699),
    message: optionalText,
    /** Played as early media before the status. */
    media: optionalText,
  }),
  examples: [{ data: { code: 486, message: 'User busy' } }, { data: { code: 503, media: 'https://example.com/closed.wav' } }],
});
