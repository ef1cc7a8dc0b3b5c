import { z } from 'zod';
import { httpUrl } from './common.js';
import { defineAction } from './define.js';

/**
 * `pivot`: Kazoo's Pivot. Asks the customer's server at `voice_url` what
 * the call does next, sending Pivot's request fields (Call-ID, Request, To, From,
 * Account-ID, Caller-ID-Name, Caller-ID-Number, and Digits / User-ID / Direction when
 * known) in the query (`get`, Kazoo's default) or as a form-encoded (or JSON) body
 * (`post`). A 2xx answer holding a Kazoo callflow (`{module, data, children}`, or a
 * callflow document with `flow`) is compiled and runs in place of the rest of this flow;
 * on a timeout, an HTTP error or an answer that is not a valid callflow, the flow goes
 * on after the pivot (the `_` child), as fetch's fallback does.
 *
 * Field names and values are Kazoo's, so a callflow's pivot data reads as it is written.
 */
export const pivotAction = defineAction({
  type: 'pivot',
  runsOn: 'flow',
  description: "Kazoo's Pivot: asks the customer's server for a callflow and runs it in place of the rest.",
  option: z.looseObject({
    voice_url: httpUrl,
    /** Kazoo accepts either case; we keep the lower-case spelling Kazoo documents. */
    method: z.string().toLowerCase().pipe(z.enum(['get', 'post'])).optional(),
    /** Only Kazoo's request names and JSON answers; TwiML is not supported. */
    req_format: z.literal('kazoo').optional(),
    /** How a POST carries the fields: form (default) or JSON. */
    req_body_format: z.enum(['form', 'json']).optional(),
    /** Kazoo caps a Pivot request at 5 s; the service's `-fetch_timeout_ms` caps it too. */
    req_timeout_ms: z.number().int().min(1).max(5000).optional(),
    /** Keep the last request and answer on the activeflow (`kazoo.pivot.debug`). */
    debug: z.boolean().optional(),
  }),
  examples: [{ voice_url: 'https://example.com/pivot.php' }, { voice_url: 'https://example.com/pivot', method: 'post', req_body_format: 'json', req_timeout_ms: 3000, debug: true }],
});
