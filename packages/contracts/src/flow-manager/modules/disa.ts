import { z } from 'zod';
import { optionalInteger } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `disa` (cf_disa; its crossbar schema leaves the fields open): Direct Inward
 * System Access. The caller keys in `pin` (no PIN: let through), within `retries` tries,
 * then hears a dial tone (or ringing), keys in up to `max_digits` digits and is dialled
 * out through the account's carriers. Children are the bridge's failure causes and `_`.
 */
export const disaModule = defineModule({
  module: 'disa',
  description: "Checks a PIN, gives a dial tone and dials the number keyed in through the account's carriers.",
  data: z.looseObject({
    pin: z.union([z.string().regex(/^[0-9]{0,32}$/, 'must be digits only'), z.number().int().min(0)]).nullable().optional(),
    /** Tries for the PIN, and for a number (3 by default). */
    retries: optionalInteger(1, 20),
    /** Milliseconds allowed between two keys (2000 by default). */
    interdigit: optionalInteger(1, 60_000),
    /** The most digits the number has (15 by default). */
    max_digits: optionalInteger(1, 32),
    /** What the caller hears while keying the number (`dialtone` by default). */
    preconnect_audio: z.enum(['dialtone', 'ringing']).nullable().optional(),
    ring_repeat_count: optionalInteger(1, 20),
    /** Kazoo's default is true: present the account's caller id. */
    use_account_caller_id: z.boolean().nullable().optional(),
    enforce_call_restriction: z.boolean().nullable().optional(),
  }),
  examples: [
    { data: { pin: '1234', retries: 3, interdigit: 2000, max_digits: 15 } },
    { data: { pin: '', use_account_caller_id: false, preconnect_audio: 'ringing' }, children: { _: { module: 'tts', data: { text: 'The call could not be made.' } } } },
  ],
});
