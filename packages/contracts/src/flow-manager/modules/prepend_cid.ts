import { z } from 'zod';
import { optionalText } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.prepend_cid`: give a name or a number prefix, or `action: reset`. */
export const prependCidModule = defineModule({
  module: 'prepend_cid',
  description: 'Puts a prefix before the caller id shown on the legs this call places.',
  data: z.looseObject({
    action: z.enum(['prepend', 'reset']).nullable().optional(),
    /** `current` (the default) stacks in front of earlier prefixes; `original` replaces them. */
    apply_to: z.enum(['current', 'original']).nullable().optional(),
    caller_id_name_prefix: optionalText,
    caller_id_number_prefix: optionalText,
  }),
  examples: [{ data: { caller_id_name_prefix: 'VIP ' } }, { data: { action: 'prepend', apply_to: 'original', caller_id_number_prefix: '9' } }, { data: { action: 'reset' } }],
});
