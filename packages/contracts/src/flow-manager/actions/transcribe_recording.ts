import { z } from 'zod';
import { defineAction } from './define.js';

export const transcribeRecordingAction = defineAction({
  type: 'transcribe_recording',
  runsOn: 'media',
  description: "Transcribes the call's recordings.",
  option: z.looseObject({
    language: z.string().max(16).optional(),
    provider: z.string().max(32).optional(),
    on_end_flow_id: z.string().max(128).optional(),
  }),
  examples: [{ language: 'en-US' }],
});
