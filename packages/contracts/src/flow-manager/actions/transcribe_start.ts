import { z } from 'zod';

/** `transcribe_start` (media layer): starts transcribing the call. */
export const transcribeStartOption = z.looseObject({
  language: z.string().max(16).optional(),
  provider: z.string().max(32).optional(),
  direction: z.enum(['in', 'out', 'both']).optional(),
  on_end_flow_id: z.string().max(128).optional(),
});
