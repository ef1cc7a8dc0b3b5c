import { z } from 'zod';
import { httpUrl } from './common.js';
import { defineAction } from './define.js';

/**
 * `pivot`: Kazoo's Pivot. Asks the customer's server at `voice_url` what the call does
 * next, sending Pivot's request fields in the query (`get`, Kazoo's default) or as a
 * form-encoded (or JSON) body (`post`): Kazoo's names (Call-ID, Account-ID, From, To,
 * Request and their realms, Call-Status, Direction, Caller-ID-*, User-ID, Language,
 * Recording-*, Digits) or, with `req_format: twiml`, Twilio's (CallSid, AccountSid,
 * CallStatus, RecordingUrl, ...). The answer's Content-Type chooses how it is read: JSON
 * is a Kazoo callflow (or a voipbin action list), XML is TwiML; either runs in place of
 * the rest of this flow. On a timeout, an HTTP error or an answer that does not parse or
 * validate, `fallback_url` is asked, then the flow goes on after the pivot (the `_` child).
 *
 * Field names and values are Kazoo's, so a callflow's pivot data reads as it is written.
 */
export const pivotAction = defineAction({
  type: 'pivot',
  runsOn: 'flow',
  description: "Kazoo's Pivot: asks the customer's server for a callflow or TwiML and runs it in place of the rest.",
  option: z.looseObject({
    /** `#ct=`, `#rt=`, `#rc=`, `#rp=` in the fragment tune the connection (Twilio's overrides). */
    voice_url: httpUrl,
    /** Kazoo accepts either case; we keep the lower-case spelling Kazoo documents. */
    method: z.string().toLowerCase().pipe(z.enum(['get', 'post'])).optional(),
    /** The request's field names: Kazoo's (default) or Twilio's. */
    req_format: z.string().toLowerCase().pipe(z.enum(['kazoo', 'twiml'])).optional(),
    /** How a POST carries the fields: form (default) or JSON. */
    req_body_format: z.enum(['form', 'json']).optional(),
    /** Kazoo caps a Pivot request at 5 s; the service's `-fetch_timeout_ms` caps it too. */
    req_timeout_ms: z.number().int().min(1).max(5000).optional(),
    /** Keep every request and answer in the Pivot debug log (`GET /v2/accounts/{A}/pivot/debug`). */
    debug: z.boolean().optional(),
    /** Asked, with the same request, when `voice_url` fails; before the `_` child. */
    fallback_url: httpUrl.optional(),
    /** Where Kazoo posts the call's CDR when it ends; kept with the flow. */
    cdr_url: httpUrl.optional(),
  }),
  examples: [
    { voice_url: 'https://example.com/pivot.php' },
    { voice_url: 'https://example.com/pivot', method: 'post', req_body_format: 'json', req_timeout_ms: 3000, debug: true },
    { voice_url: 'https://example.com/voice.xml#rc=2&rp=ct,5xx', method: 'POST', req_format: 'twiml', fallback_url: 'https://backup.example.com/voice.xml' },
  ],
});
