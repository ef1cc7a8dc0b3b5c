import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `move` (applications/konami/doc/move.md). */
export const moveMetaflow = defineMetaflowModule({
  module: 'move',
  description: "Rings the owner's other devices; the one answering takes the call over.",
  data: z.looseObject({ owner_id: z.string().min(1).max(128).optional(), auto_answer: z.boolean().optional() }),
  examples: [{ data: { owner_id: 'alices_owner_id' } }],
});
