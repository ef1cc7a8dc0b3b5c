import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `intercept` (applications/konami/doc/intercept.md). */
export const interceptMetaflow = defineMetaflowModule({
  module: 'intercept',
  description: 'Takes over a call ringing or talking at a device, a user or a number.',
  data: z.looseObject({
    auto_answer: z.boolean().optional(),
    can_call_self: z.boolean().optional(),
    target_id: z.string().min(1).max(128).optional(),
    target_type: z.enum(['device', 'user', 'number']).optional(),
    unbridged_only: z.boolean().optional(),
  }),
  examples: [{ data: { target_type: 'device', target_id: 'device_id', unbridged_only: true } }],
});
