import { z } from 'zod';
import { gregorianSeconds } from './hooks.js';
import { pageQuerySchema } from './webhook.js';

/**
 * One HTTP attempt, as Kazoo's `webhook_attempt` document records it (reference/kazoo.md
 * §3): what was sent, what came back, and what it means. Failed attempts are always
 * kept; successful ones when the hook has `log_successful_attempts`.
 */
export const attemptResults = ['success', 'failure'] as const;

export const attemptSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  /** Null for deliveries without a hook: the account's own webhook_uri, an activeflow's, or webhook_send. */
  hook_id: z.string().nullable(),
  delivery_id: z.string(),
  event_id: z.string(),
  hook_event: z.string(),
  uri: z.string(),
  method: z.string(),
  req_headers: z.record(z.string(), z.string()),
  /** Truncated to the service's log limit. */
  req_body: z.string(),
  resp_status_code: z.number().int().nullable(),
  resp_headers: z.record(z.string(), z.string()).nullable(),
  /** Truncated to the service's response limit. */
  resp_body: z.string().nullable(),
  result: z.enum(attemptResults),
  /** Why it failed: `bad response code`, `http client error`, `timeout`, `target refused`, … */
  reason: z.string().nullable(),
  client_error: z.string().nullable(),
  try: z.number().int(),
  retries_left: z.number().int(),
  /** True when this attempt was the last one for its event (success, or nothing left to try). */
  final: z.boolean(),
  created_at: z.string(),
});
export type Attempt = z.infer<typeof attemptSchema>;

/**
 * An attempt as the attempts log answers it: this platform's record, with the fields of
 * Kazoo's `webhook_attempts` schema beside it (`timestamp` in Gregorian seconds,
 * `response_code` as text, `response_body`). Kazoo's crossbar example spells the
 * retries `retries left`; that spelling is sent too, so a client written from it reads it.
 */
export const attemptViewSchema = attemptSchema.extend({
  timestamp: z.number().int(),
  response_code: z.string().optional(),
  response_body: z.string().optional(),
  'retries left': z.number().int(),
});
export type AttemptView = z.infer<typeof attemptViewSchema>;

export function attemptView(attempt: Attempt): AttemptView {
  return {
    ...attempt,
    timestamp: gregorianSeconds(Date.parse(attempt.created_at)),
    ...(attempt.resp_status_code !== null ? { response_code: String(attempt.resp_status_code) } : {}),
    ...(attempt.resp_body !== null ? { response_body: attempt.resp_body } : {}),
    'retries left': attempt.retries_left,
  };
}

export const attemptQuerySchema = pageQuerySchema.extend({
  hook_id: z.string().max(64).optional(),
  result: z.enum(attemptResults).optional(),
});
