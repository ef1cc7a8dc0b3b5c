import { z } from 'zod';
import { optionalText, relativeLeg } from './common.js';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `tts` (applications/konami/doc/tts.md). */
export const ttsMetaflow = defineMetaflowModule({
  module: 'tts',
  description: 'Speaks text (voice female by default, engine flite) to a leg; the terminators cut it short.',
  data: z.looseObject({
    text: z.string().min(1).max(32768),
    engine: optionalText,
    voice: optionalText,
    language: optionalText,
    leg: relativeLeg.optional(),
    terminators: z.array(z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'])).max(12).optional(),
  }),
  examples: [{ data: { text: 'hello world' } }, { data: { text: '2 pressed', voice: 'male', language: 'en-US', engine: 'flite', terminators: ['#'] } }],
});
