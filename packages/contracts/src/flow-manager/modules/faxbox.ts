import { z } from 'zod';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.faxbox`: receives the fax into the fax box `id` (or `faxbox_id`, as
 * Kazoo also spells it), then ends the call. `media.fax_option` (T.38) is accepted.
 */
export const faxboxModule = defineModule({
  module: 'faxbox',
  description: 'Receives a fax into a fax box.',
  data: z
    .looseObject({
      id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lower-case hex digits').optional(),
      faxbox_id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lower-case hex digits').optional(),
      media: z.looseObject({ fax_option: z.union([z.boolean(), z.enum(['auto', 'true', 'false'])]).nullable().optional() }).nullable().optional(),
      skip_module: z.boolean().nullable().optional(),
    })
    .refine((data) => data.id !== undefined || data.faxbox_id !== undefined, { message: 'give the fax box: id or faxbox_id', path: ['id'] }),
  examples: [{ data: { id: 'a4b1f2c00000400080000000000000f1' } }, { data: { faxbox_id: 'a4b1f2c00000400080000000000000f1', media: { fax_option: 'auto' } } }],
});
