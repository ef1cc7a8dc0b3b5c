import { z } from 'zod';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.receive_fax`: receives the fax into the account's inbox, then ends
 * the call. `owner_id` and `media` (fax_option) are accepted; the inbox is the account's.
 */
export const receiveFaxModule = defineModule({
  module: 'receive_fax',
  description: "Receives a fax into the account's inbox.",
  data: z.looseObject({
    owner_id: z.string().max(128).nullable().optional(),
    media: z.looseObject({ fax_option: z.union([z.boolean(), z.string()]).nullable().optional() }).nullable().optional(),
  }),
  examples: [{ data: {} }, { data: { owner_id: 'a4b1f2c00000400080000000000000a1', media: { fax_option: true } } }],
});
