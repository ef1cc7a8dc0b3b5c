import { z } from 'zod';
import { optionalText } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.tts`. */
export const ttsModule = defineModule({
  module: 'tts',
  description: 'Speaks text with a voice (female or male) in a language.',
  data: z.looseObject({
    text: z.string().min(1).max(32768),
    voice: optionalText,
    language: optionalText,
  }),
  examples: [{ data: { text: 'Welcome to the support line.', voice: 'female', language: 'en-US' } }],
});
