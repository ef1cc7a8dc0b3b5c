import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `respond`: answers the call's INVITE with a SIP status instead of answering it (Kazoo's
 * `response` module): 180 rings, 183 brings early media, an error status (4xx-6xx)
 * ends the call unanswered. `media` plays first, as early media.
 */
export const respondAction = defineAction({
  type: 'respond',
  runsOn: 'media',
  description: 'Answers the INVITE with a SIP status (busy, declined, ...), after optional early media.',
  option: z.looseObject({
    code: z.number().int().min(100).max(699),
    message: z.string().max(128).regex(/^[^\r\n]*$/, 'one line').optional(),
    media: z.string().min(1).max(2048).optional(),
  }),
  examples: [{ code: 486, message: 'Busy Here' }, { code: 503, media: 'https://example.com/closed.wav' }],
});
