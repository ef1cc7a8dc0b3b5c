import { z } from 'zod';
import { defineModule } from './define.js';
import { ringStrategy, ringingFields } from './common.js';

/**
 * Kazoo's `callflows.device`: rings one device (its call forwarding and do-not-disturb
 * honoured). Once the call was answered and ends, the callflow stops; when nobody
 * answered it goes on at the child named by the failure cause (`USER_BUSY`, ...),
 * else at `_`.
 */
export const deviceModule = defineModule({
  module: 'device',
  description: 'Rings a device and bridges the caller to it; `_` when it does not answer.',
  data: z.looseObject({
    ...ringingFields,
    dial_strategy: ringStrategy,
  }),
  examples: [
    { data: { id: 'a4b1f2c00000400080000000000000d1' } },
    { data: { id: 'a4b1f2c00000400080000000000000d1', timeout: 20, can_call_self: false }, children: { _: { module: 'hangup' } } },
  ],
});
