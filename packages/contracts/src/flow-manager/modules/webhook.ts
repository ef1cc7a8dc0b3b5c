import { z } from 'zod';
import { httpUrl, optionalInteger } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.webhook` ("Custom webhooks via callflows"): sends the call's
 * details, with `custom_data` over them, to `uri` without waiting, and goes on.
 */
export const webhookModule = defineModule({
  module: 'webhook',
  description: "Sends the call's details, with custom_data over them, to uri and goes on at once.",
  data: z.looseObject({
    uri: httpUrl,
    /** post by default. */
    http_verb: z.enum(['post', 'get', 'POST', 'GET']).nullable().optional(),
    /** How many times to retry when the host is not available; webhook-manager's own retry policy applies. */
    retries: optionalInteger(0, 10),
    custom_data: z.record(z.string(), z.unknown()).nullable().optional(),
    /** True: the node does nothing and the call goes on to `_`. */
    skip_module: z.boolean().nullable().optional(),
  }),
  examples: [
    { data: { uri: 'http://my.ser.ver/path/to/webhook/destination', http_verb: 'post', custom_data: { some_id: '123abc', app: 'my_cool_app' } } },
    { data: { uri: 'https://example.com/hooks/kazoo', skip_module: true } },
  ],
});
