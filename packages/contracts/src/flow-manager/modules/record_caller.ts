import { z } from 'zod';
import { httpUrl, optionalInteger } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.record_caller` (pivot/doc/kazoo/recording.md): a message, ended by # or its time limit. */
export const recordCallerModule = defineModule({
  module: 'record_caller',
  description: 'Records the caller (a message) until # or the time limit, then uploads it to url.',
  data: z.looseObject({
    format: z.enum(['wav', 'mp3']).nullable().optional(),
    /** Seconds (Kazoo's default is 120). */
    time_limit: optionalInteger(1, 86_400),
    /** The file goes to `url/call_recording_<call id>.<format>`. */
    url: httpUrl.nullable().optional(),
    method: z.enum(['put', 'post', 'PUT', 'POST']).nullable().optional(),
  }),
  examples: [{ data: { format: 'mp3', url: 'https://example.com/voicemail/acct/box', time_limit: 360 } }],
});
