import { z } from 'zod';
import { defineAction } from './define.js';

export const talkAction = defineAction({
  type: 'talk',
  runsOn: 'media',
  description: 'Speaks text (plain or SSML).',
  option: z.looseObject({
    text: z.string().min(1).max(32768),
    language: z.string().max(16).optional(),
    gender: z.string().max(16).optional(),
    voice_id: z.string().max(128).optional(),
    provider: z.string().max(32).optional(),
    digits_handle: z.enum(['', 'next']).optional(),
    async: z.boolean().optional(),
  }),
  examples: [{ text: 'Hello, and welcome.', language: 'en-US', gender: 'female' }, { text: 'Press 1 for sales.', digits_handle: 'next' }],
});
