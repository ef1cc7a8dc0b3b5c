import { z } from 'zod';

/** A recording of a call: the file FreeSWITCH wrote and how long it ran. */
export const recordingStatuses = ['initiating', 'recording', 'stopping', 'ended'] as const;

export const recordingSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  reference_type: z.string().describe('Always `call` here; voipbin also records conferences.'),
  reference_id: z.string(),
  call_id: z.string(),
  activeflow_id: z.string(),
  channel_id: z.string(),
  status: z.enum(recordingStatuses),
  format: z.string(),
  file_path: z.string().describe('Where the media server writes the file.'),
  duration_ms: z.number().int().nullable().describe("Set when the recording ends, from the media server's count (record_ms)."),
  name: z.string().optional().describe("The recording's file name when one was asked for (Kazoo's `media_name`)."),
  label: z.string().optional().describe('A label the recording was started with (Kazoo\'s `label`).'),
  discarded: z.boolean().optional().describe('True when it ran shorter than the `record_min_sec` it was started with: it is not kept or sent.'),
  tm_start: z.string().nullable(),
  tm_end: z.string().nullable(),
  tm_create: z.string(),
  tm_update: z.string().nullable(),
  tm_delete: z.string().nullable(),
});
export type Recording = z.infer<typeof recordingSchema>;

export const recordingFiltersSchema = z.looseObject({
  account_id: z.string().max(64).optional(),
  call_id: z.string().max(128).optional(),
});

export const recordingPageSchema = z.object({ result: z.array(recordingSchema), next_page_token: z.string() });

