import { z } from 'zod';
import { defineAction } from './define.js';

export const playAction = defineAction({
  type: 'play',
  runsOn: 'media',
  description: 'Plays audio files, one after the other.',
  option: z.looseObject({
    stream_urls: z.array(z.string().min(1).max(2048)).min(1).max(100),
    /** `next`: a key pressed during it stops it and moves on, the key kept for a gather after it. */
    digits_handle: z.enum(['', 'next']).optional(),
  }),
  examples: [{ stream_urls: ['https://example.com/welcome.wav', 'https://example.com/menu.wav'] }],
});
