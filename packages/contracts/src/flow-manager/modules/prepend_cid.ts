import { z } from 'zod';
import { optionalText } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.prepend_cid`: give a name or a number prefix, or `action: reset`. */
export const prependCidModule = defineModule({
  module: 'prepend_cid',
  description: 'Puts a prefix before the caller id shown on the legs this call places.',
  data: z.looseObject({
    action: z.enum(['prepend', 'reset']).nullable().optional(),
    caller_id_name_prefix: optionalText,
    caller_id_number_prefix: optionalText,
  }),
  examples: [{ data: { caller_id_name_prefix: 'VIP ' } }, { data: { action: 'reset' } }],
});
