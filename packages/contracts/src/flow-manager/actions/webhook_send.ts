import { z } from 'zod';
import { httpUrl } from './common.js';
import { defineAction } from './define.js';

/**
 * `webhook_send`: sends `data` (by default the
 * activeflow and its variables) to `uri`. With `sync` the flow waits for the hand-over;
 * a failure is recorded on the activeflow and the flow goes on.
 */
export const webhookSendAction = defineAction({
  type: 'webhook_send',
  runsOn: 'flow',
  description: 'Sends data (by default the activeflow and its variables) to uri.',
  option: z.looseObject({
    sync: z.boolean().optional(),
    uri: httpUrl,
    method: z.enum(['POST', 'PUT', 'GET', 'DELETE', 'PATCH']).optional(),
    data_type: z.string().max(128).optional(),
    data: z.unknown().optional(),
  }),
  examples: [{ uri: 'https://example.com/hooks/call', method: 'POST', sync: true }],
});
