import { z } from 'zod';
import { defineAction } from './define.js';

export const recordingStartAction = defineAction({
  type: 'recording_start',
  runsOn: 'media',
  description: 'Starts recording the call.',
  option: z.looseObject({
    format: z.enum(['wav', 'mp3']).optional(),
    end_of_silence: z.number().int().min(0).optional(),
    end_of_key: z.string().max(16).optional(),
    duration: z.number().int().min(0).optional(),
    beep_start: z.boolean().optional(),
    on_end_flow_id: z.string().max(128).optional(),
    /** Where the finished file is sent (Kazoo's recording `url`, with the file's name appended). */
    upload_url: z
      .string()
      .max(2048)
      .refine((value) => /^https?:\/\//i.test(value), 'must be an http:// or https:// URL')
      .optional(),
    /** put (Kazoo's default) or post. */
    upload_method: z.enum(['put', 'post']).optional(),
  }),
  examples: [{ format: 'wav', end_of_silence: 3, duration: 600, beep_start: true }, { format: 'mp3', duration: 1200, upload_url: 'https://example.com/recordings/call_recording_c1.mp3', upload_method: 'put' }],
});
