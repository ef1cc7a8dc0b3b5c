import { z } from 'zod';
import { defineAction } from './define.js';

export const recordingStartAction = defineAction({
  type: 'recording_start',
  runsOn: 'media',
  description: 'Starts recording the call.',
  option: z.looseObject({
    format: z.enum(['wav', 'mp3']).optional(),
    end_of_silence: z.number().int().min(0).optional(),
    end_of_key: z.string().max(16).optional(),
    duration: z.number().int().min(0).optional(),
    beep_start: z.boolean().optional(),
    on_end_flow_id: z.string().max(128).optional(),
  }),
  examples: [{ format: 'wav', end_of_silence: 3, duration: 600, beep_start: true }],
});
