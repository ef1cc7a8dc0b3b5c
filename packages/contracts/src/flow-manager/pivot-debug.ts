import { z } from 'zod';

/**
 * Pivot's debug log, as flow-manager serves it: the calls whose `debug: true` pivots
 * made requests, and each call's exchanges in the order they happened.
 */
export const pivotDebugCallSchema = z.object({
  call_id: z.string(),
  /** How many requests the call's pivots made. */
  exchanges: z.number().int(),
  /** When the last one was made (ISO). */
  tm_last: z.string(),
});
export type PivotDebugCall = z.infer<typeof pivotDebugCallSchema>;

/** A Pivot request field: text, or a list or map of fields (`k[]=v`, `k[sub]=v`). */
export const pivotFormValueSchema: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.array(pivotFormValueSchema), z.record(z.string(), pivotFormValueSchema)]));

export const pivotExchangeSchema = z.object({
  account_id: z.string(),
  call_id: z.string(),
  activeflow_id: z.string(),
  tm: z.string(),
  method: z.string(),
  /** With a GET's fields in its query. */
  url: z.string(),
  request_headers: z.record(z.string(), z.string()),
  request_body: z.string(),
  request_fields: z.record(z.string(), pivotFormValueSchema),
  /** 0 when no answer came (timeout, refused, network error). */
  status_code: z.number().int(),
  response_headers: z.record(z.string(), z.string()),
  /** Cut to a bound. */
  response_body: z.string(),
  duration_ms: z.number(),
  /** `ok`, or why the answer was not run. */
  outcome: z.string(),
  error: z.string(),
});
export type PivotExchange = z.infer<typeof pivotExchangeSchema>;

export const pivotDebugQuerySchema = z.object({
  page_size: z.coerce.number().int().min(1).max(1000).optional(),
  /** The offset to go on from, as the previous page's `next_page_token` gave it. */
  page_token: z.string().regex(/^[0-9]{1,9}$/).optional(),
});

export const pivotDebugCallsSchema = z.object({ result: z.array(pivotDebugCallSchema), next_page_token: z.string() });
export const pivotExchangesSchema = z.object({ result: z.array(pivotExchangeSchema) });
