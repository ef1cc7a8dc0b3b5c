import { z } from 'zod';
import { optionalInteger } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.voicemail`: `action` compose (default) lets the caller leave a
 * message in the box `id`, `check` lets its owner listen to the messages after the
 * PIN; then the call ends. `max_message_length` is in seconds (default 500). Finding
 * the box by the caller (`callerid_match_login`, `single_mailbox_login`) is not done:
 * the box is always `id`.
 */
export const voicemailModule = defineModule({
  module: 'voicemail',
  description: 'Lets the caller leave a message in a voicemail box, or its owner check the messages.',
  data: z.looseObject({
    id: z.string().min(1).max(128),
    action: z.enum(['compose', 'check']).nullable().optional(),
    max_message_length: optionalInteger(1, 3600),
    callerid_match_login: z.boolean().nullable().optional(),
    single_mailbox_login: z.boolean().nullable().optional(),
    interdigit_timeout: optionalInteger(0, 60_000),
    skip_module: z.boolean().nullable().optional(),
  }),
  examples: [{ data: { id: 'a4b1f2c00000400080000000000000e1' } }, { data: { id: 'a4b1f2c00000400080000000000000e1', action: 'compose', max_message_length: 120 } },
    { data: { id: 'a4b1f2c00000400080000000000000e1', action: 'check' } },
  ],
});
