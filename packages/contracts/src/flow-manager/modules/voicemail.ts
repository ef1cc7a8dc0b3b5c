import { z } from 'zod';
import { optionalInteger } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.voicemail`: `action` compose (default) lets the caller leave a
 * message in the box `id`, then the call ends; `max_message_length` is in seconds
 * (default 500). `action: check` (listening to the box's messages) is not carried out
 * yet: it is a 400 naming `action`.
 */
export const voicemailModule = defineModule({
  module: 'voicemail',
  description: 'Lets the caller leave a message in a voicemail box.',
  data: z.looseObject({
    id: z.string().min(1).max(128),
    action: z.enum(['compose']).nullable().optional(),
    max_message_length: optionalInteger(1, 3600),
    callerid_match_login: z.boolean().nullable().optional(),
    single_mailbox_login: z.boolean().nullable().optional(),
    interdigit_timeout: optionalInteger(0, 60_000),
    skip_module: z.boolean().nullable().optional(),
  }),
  examples: [{ data: { id: 'a4b1f2c00000400080000000000000e1' } }, { data: { id: 'a4b1f2c00000400080000000000000e1', action: 'compose', max_message_length: 120 } }],
});
