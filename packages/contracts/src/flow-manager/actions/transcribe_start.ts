import { z } from 'zod';
import { defineAction } from './define.js';

export const transcribeStartAction = defineAction({
  type: 'transcribe_start',
  runsOn: 'media',
  description: 'Starts transcribing the call.',
  option: z.looseObject({
    language: z.string().max(16).optional(),
    provider: z.string().max(32).optional(),
    direction: z.enum(['in', 'out', 'both']).optional(),
    on_end_flow_id: z.string().max(128).optional(),
  }),
  examples: [{ language: 'en-US', direction: 'both' }],
});
