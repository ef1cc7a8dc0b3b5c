import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `sound_touch` (applications/konami/doc/sound_touch.md). */
export const soundTouchMetaflow = defineMetaflowModule({
  module: 'sound_touch',
  description: 'Shifts the pitch, rate or tempo of the audio, or stops shifting it.',
  data: z.looseObject({
    action: z.enum(['start', 'stop']).optional(),
    adjust_in_octaves: z.number().min(-4).max(4).optional(),
    adjust_in_semitones: z.number().min(-48).max(48).optional(),
    hook_dtmf: z.boolean().optional(),
    pitch: z.number().positive().max(10).optional(),
    rate: z.number().positive().max(10).optional(),
    sending_leg: z.boolean().optional(),
    tempo: z.number().positive().max(10).optional(),
  }),
  examples: [{ data: { action: 'start', pitch: 1.2 } }, { data: { action: 'start', adjust_in_semitones: -3, sending_leg: true } }, { data: { action: 'stop' } }],
});
