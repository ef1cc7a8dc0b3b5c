import { z } from 'zod';
import { optionalText } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.webhook`. */
export const webhookModule = defineModule({
  module: 'webhook',
  description: "Sends the call's details (or custom_data) to uri.",
  data: z.looseObject({
    uri: z.string().min(1).max(2048),
    /** post by default. */
    http_verb: optionalText,
    custom_data: z.unknown().optional(),
  }),
  examples: [{ data: { uri: 'https://example.com/hooks/kazoo', http_verb: 'post', custom_data: { campaign: 'spring' } } }],
});
