import { z } from 'zod';
import { httpUrl } from './common.js';
import { defineAction } from './define.js';

/**
 * `fetch`: asks the customer's server for more actions. The request
 * carries the activeflow id, its reference and its variables; the answer (a JSON array
 * of actions, or `{"actions": [...]}`) is validated, given ids and run next, after which
 * the flow continues after the fetch. On a timeout, an HTTP error or a bad answer the
 * flow continues after the fetch as if it had answered nothing, with
 * `voipbin.fetch.status` and `voipbin.fetch.error` telling what happened.
 */
export const fetchAction = defineAction({
  type: 'fetch',
  runsOn: 'flow',
  description: "Asks the customer's server for more actions and runs them next.",
  option: z.looseObject({
    event_url: httpUrl,
    event_method: z.enum(['GET', 'POST', 'PUT']).optional(),
    /** Capped by the service's `-fetch_timeout_ms`. */
    timeout_ms: z.number().int().min(1).max(60000).optional(),
  }),
  examples: [{ event_url: 'https://example.com/next-actions', event_method: 'POST', timeout_ms: 3000 }],
});
