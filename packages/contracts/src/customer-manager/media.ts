import { z } from 'zod';
import { displayNameSchema, timestampSchema } from './common.js';
import { patchSchemaOf } from './patch.js';

/**
 * A media document (Kazoo's `media.json`): a prompt the account plays by its id. Its
 * audio is uploaded to `/media/{id}/raw` (an `upload`), or spoken from `tts.text`.
 * customer-manager keeps the document; the audio lives where the media server plays
 * it, and `media_path` (never shown to customers) says where.
 */
export const mediaSources = ['upload', 'tts', 'recording'] as const;

export const mediaFields = {
  name: displayNameSchema,
  description: z.string().max(512).optional(),
  /** Default `upload`. */
  media_source: z.enum(mediaSources).optional(),
  /** Default `en-us`. */
  language: z.string().trim().min(2).max(16).regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'must be a language tag such as en-us' }).optional(),
  streamable: z.boolean().optional(),
  /** Spoken when `media_source` is `tts`. */
  tts: z
    .strictObject({
      text: z.string().trim().min(1).max(4096),
      voice: z.string().trim().min(1).max(64).optional(),
    })
    .optional(),
  /**
   * Where the audio is fetched from when the document is saved (Kazoo's media.json has
   * no such field; an upload to `/raw` is its only way in).
   */
  url: z.string().trim().url({ message: 'must be an absolute http(s) URL' }).max(2048).optional(),
  prompt_id: z.string().trim().min(1).max(128).optional(),
  source_type: z.string().trim().max(64).optional(),
  source_id: z.string().trim().max(128).optional(),
};

/** Set by the platform when audio is uploaded. */
export const mediaFileFields = {
  content_type: z.string().optional(),
  content_length: z.number().int().min(0).optional(),
  media_path: z.string().optional(),
};

export const mediaSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  ...mediaFields,
  ...mediaFileFields,
  created: timestampSchema,
  updated: timestampSchema,
});
export type Media = z.infer<typeof mediaSchema>;

const ttsNeedsText = (media: { media_source?: string | undefined; tts?: unknown }) => media.media_source !== 'tts' || media.tts !== undefined;
const ttsMessage = { message: 'a tts media needs tts.text', path: ['tts'] };

export const mediaInputSchema = z.strictObject(mediaFields).refine(ttsNeedsText, ttsMessage);
export type MediaInput = z.infer<typeof mediaInputSchema>;

export const mediaPatchSchema = patchSchemaOf(mediaFields);
export type MediaPatch = z.infer<typeof mediaPatchSchema>;

/** What an upload leaves on the document: where the media server keeps the audio. */
export const mediaFileSetSchema = z.strictObject({
  media_path: z.string().min(1).max(1024),
  content_type: z.string().min(1).max(128),
  content_length: z.number().int().min(0),
});
export type MediaFileSet = z.infer<typeof mediaFileSetSchema>;
