import { z } from 'zod';
import { defineModule } from './define.js';

/** Kazoo's `callflows.faxbox`: receives the fax into the fax box `id`, then ends the call. */
export const faxboxModule = defineModule({
  module: 'faxbox',
  description: 'Receives a fax into a fax box.',
  data: z.looseObject({ id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lower-case hex digits') }),
  examples: [{ data: { id: 'a4b1f2c00000400080000000000000f1' } }],
});
