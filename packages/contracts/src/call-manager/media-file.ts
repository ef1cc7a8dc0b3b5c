import { z } from 'zod';

/** Which file the media server wrote: a voicemail message, a received fax, a recording. */
export const mediaFileRequestSchema = z.strictObject({ path: z.string().min(1).max(1024) });

/**
 * A file the media server wrote, read back by call-manager (the one service that shares
 * the media server's disk): base64, as RPC bodies are JSON.
 */
export const mediaFileSchema = z.object({
  content_type: z.string(),
  size: z.number().int().min(0),
  data_base64: z.string(),
});
export type MediaFile = z.infer<typeof mediaFileSchema>;
