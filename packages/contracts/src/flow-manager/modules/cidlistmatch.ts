import { z } from 'zod';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.cidlistmatch`: the caller's number against the account's match
 * list `id` (kept over REST at `/v2/accounts/{ACCOUNT_ID}/lists`). On the list goes to
 * `match`, off it to `nomatch`; a missing child goes on to `_`.
 */
export const cidlistmatchModule = defineModule({
  module: 'cidlistmatch',
  description: "Routes the call by whether its caller id is on one of the account's match lists.",
  data: z.looseObject({
    id: z.string().min(1).max(64),
  }),
  examples: [
    {
      data: { id: '01fc63f92d9b89a25dd4ff1039e64497' },
      children: { match: { module: 'tts', data: { text: 'Welcome, valued caller.' } }, nomatch: { module: 'hangup' } },
    },
  ],
});
