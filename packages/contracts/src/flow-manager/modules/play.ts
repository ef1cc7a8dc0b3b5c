import { z } from 'zod';
import { defineModule } from './define.js';

/** Kazoo's `callflows.play`: `id` names the media (here a media id or a URL). */
export const playModule = defineModule({
  module: 'play',
  description: 'Plays a media file.',
  data: z.looseObject({
    id: z.string().min(1).max(2048),
  }),
  examples: [{ data: { id: 'https://example.com/welcome.wav' } }],
});
