import { z } from 'zod';

/** `recording_start` (call-manager): starts recording the call. */
export const recordingStartOption = z.looseObject({
  format: z.enum(['wav', 'mp3']).optional(),
  end_of_silence: z.number().int().min(0).optional(),
  end_of_key: z.string().max(16).optional(),
  duration: z.number().int().min(0).optional(),
  beep_start: z.boolean().optional(),
  on_end_flow_id: z.string().max(128).optional(),
});
