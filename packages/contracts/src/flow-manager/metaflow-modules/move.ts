import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `move` (applications/konami/doc/move.md). */
export const moveMetaflow = defineMetaflowModule({
  module: 'move',
  description: "Rings the owner's other devices (or `device_id` alone, as channels.md has it); the one answering takes the call over.",
  data: z.looseObject({
    owner_id: z.string().min(1).max(128).optional(),
    device_id: z.string().min(1).max(128).optional(),
    /** Seconds the devices ring (channels.md's `timeout`); 20 unless given. */
    timeout: z.number().int().min(1).max(600).optional(),
    auto_answer: z.boolean().optional(),
  }),
  examples: [{ data: { owner_id: 'alices_owner_id' } }, { data: { device_id: 'desk_device_id', timeout: 30 } }],
});
