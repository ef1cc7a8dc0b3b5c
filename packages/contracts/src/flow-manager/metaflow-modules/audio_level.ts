import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `audio_level` (applications/konami/doc/audio_level.md). */
export const audioLevelMetaflow = defineMetaflowModule({
  module: 'audio_level',
  description: 'Changes the volume heard (read) or sent (write) on the leg, or stops changing it.',
  data: z.looseObject({ action: z.enum(['start', 'stop']).optional(), level: z.number().int().min(-4).max(4).optional(), mode: z.enum(['read', 'write']).optional() }),
  examples: [{ data: { action: 'start', level: 2, mode: 'read' } }, { data: { action: 'stop' } }],
});
