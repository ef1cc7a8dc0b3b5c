import { z } from 'zod';
import { mediaReference, relativeLeg } from './common.js';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `play` (applications/konami/doc/play.md). */
export const playMetaflow = defineMetaflowModule({
  module: 'play',
  description: 'Plays a media (id or URL) to the leg that pressed, the other leg, or both (default both).',
  data: z.looseObject({ id: mediaReference, leg: relativeLeg.optional(), answer: z.boolean().optional() }),
  examples: [{ data: { id: 'media_id' } }, { data: { id: 'https://example.com/beep.wav', leg: 'self' } }],
});
