import { z } from 'zod';
import { httpUrl, optionalInteger } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.record_call`. */
export const recordCallModule = defineModule({
  module: 'record_call',
  description: 'Starts (by default) or stops recording the call.',
  data: z.looseObject({
    action: z.enum(['start', 'stop']).nullable().optional(),
    format: z.enum(['wav', 'mp3']).nullable().optional(),
    /** Seconds. */
    time_limit: optionalInteger(0, 86_400),
    /** The finished file is sent to `url/call_recording_<call id>.<format>` by HTTP PUT (or `method: post`). */
    url: httpUrl.nullable().optional(),
    method: z.enum(['put', 'post', 'PUT', 'POST']).nullable().optional(),
  }),
  examples: [{ data: { action: 'start', format: 'mp3', time_limit: 600 } }, { data: { action: 'stop' } }, { data: { action: 'start', format: 'mp3', time_limit: 1200, url: 'https://example.com/recordings' } }],
});
