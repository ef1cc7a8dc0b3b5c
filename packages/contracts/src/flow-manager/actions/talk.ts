import { z } from 'zod';

/** `talk` (call-manager): speaks text (plain or SSML). */
export const talkOption = z.looseObject({
  text: z.string().min(1).max(32768),
  language: z.string().max(16).optional(),
  gender: z.string().max(16).optional(),
  voice_id: z.string().max(128).optional(),
  provider: z.string().max(32).optional(),
  digits_handle: z.enum(['', 'next']).optional(),
  async: z.boolean().optional(),
});
