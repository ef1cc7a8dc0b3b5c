import { z } from 'zod';
import { optionalText } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.set_cid`: give a name, a number or both. */
export const setCidModule = defineModule({
  module: 'set_cid',
  description: 'Sets the caller id the call presents from now on.',
  data: z.looseObject({
    caller_id_name: optionalText,
    caller_id_number: optionalText,
  }),
  examples: [{ data: { caller_id_name: 'Support', caller_id_number: '+15550001111' } }],
});
