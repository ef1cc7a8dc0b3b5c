import { z } from 'zod';
import { defineModule } from './define.js';
import { ringStrategy, ringingFields } from './common.js';

/**
 * Kazoo's `callflows.user`: rings every device of a user, all at once or one after
 * another (`strategy`), honouring the user's and the devices' call forwarding and
 * do-not-disturb. Like `device`, it stops after an answered call and goes on at the
 * failure cause's child, else `_`, when nobody answered.
 */
export const userModule = defineModule({
  module: 'user',
  description: "Rings a user's devices, together or in turn, and bridges the caller to the first to answer; `_` when nobody does.",
  data: z.looseObject({
    ...ringingFields,
    strategy: ringStrategy,
    fail_on_single_reject: z.boolean().nullable().optional(),
  }),
  examples: [
    { data: { id: 'a4b1f2c00000400080000000000000a1' } },
    {
      data: { id: 'a4b1f2c00000400080000000000000a1', timeout: 20, can_call_self: false, strategy: 'simultaneous' },
      children: { _: { module: 'play', data: { id: 'https://example.com/nobody-home.wav' } } },
    },
  ],
});
