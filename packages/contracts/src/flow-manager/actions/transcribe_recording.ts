import { z } from 'zod';

/** `transcribe_recording` (media layer): transcribes the call's recordings. */
export const transcribeRecordingOption = z.looseObject({
  language: z.string().max(16).optional(),
  provider: z.string().max(32).optional(),
  on_end_flow_id: z.string().max(128).optional(),
});
