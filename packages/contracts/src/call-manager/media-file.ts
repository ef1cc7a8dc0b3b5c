import { z } from 'zod';
import { idSchema } from '../customer-manager/common.js';

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

/** Audio types a prompt may be uploaded as, with the file extension the media server plays it by. */
export const mediaUploadTypes: Record<string, 'wav' | 'mp3'> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
};

/** An uploaded prompt, to be written where the media server plays it. */
export const mediaFileWriteSchema = z.strictObject({
  account_id: idSchema,
  media_id: idSchema,
  content_type: z.string().refine((type) => Object.hasOwn(mediaUploadTypes, type), { message: `must be one of ${Object.keys(mediaUploadTypes).join(', ')}` }),
  data_base64: z.string().min(1).max(22_400_000),
});

export const mediaFileWrittenSchema = z.object({ path: z.string(), size: z.number().int().min(0) });

/** A prompt to fetch from the customer's URL and store as an upload would be. */
export const mediaFileFetchSchema = z.strictObject({
  account_id: idSchema,
  media_id: idSchema,
  url: z.string().min(1).max(2048),
});

export const mediaFileFetchedSchema = mediaFileWrittenSchema.extend({ content_type: z.string() });
