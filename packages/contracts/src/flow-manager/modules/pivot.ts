import { z } from 'zod';
import { httpUrl } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.pivot`: the server is asked for the rest of the call; `_` is the fallback. */
export const pivotModule = defineModule({
  module: 'pivot',
  description: "Asks the customer's server at voice_url for the rest of the call (the pivot action).",
  data: z.looseObject({
    voice_url: httpUrl,
    /** get (Kazoo's default) or post, either case. */
    method: z.string().nullable().optional(),
    /** kazoo (default) or twiml: the names the request's fields are sent under. */
    req_format: z.string().nullable().optional(),
    req_body_format: z.enum(['form', 'json']).nullable().optional(),
    /** Cut to Kazoo's cap of 5 s. */
    req_timeout_ms: z.number().int().min(1).max(3_600_000).nullable().optional(),
    debug: z.boolean().nullable().optional(),
    /** Where the call's CDR is posted when it ends. */
    cdr_url: httpUrl.nullable().optional(),
    /** Skips the pivot: the flow goes on at the `_` child. */
    skip_module: z.boolean().nullable().optional(),
    /** Asked when voice_url fails, before the `_` child. */
    fallback_url: httpUrl.nullable().optional(),
  }),
  examples: [
    { data: { voice_url: 'https://example.com/pivot.php' } },
    { data: { voice_url: 'https://example.com/pivot', method: 'post', req_body_format: 'json', req_timeout_ms: 3000 }, children: { _: { module: 'tts', data: { text: 'Sorry, try again later.' } } } },
    { data: { voice_url: 'https://example.com/voice.xml', method: 'POST', req_format: 'twiml', debug: true } },
  ],
});
