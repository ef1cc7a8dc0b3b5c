import { z } from 'zod';

/** `play` (call-manager): plays audio files, one after the other. */
export const playOption = z.looseObject({
  stream_urls: z.array(z.string().min(1).max(2048)).min(1).max(100),
});
