import { z } from 'zod';
import { optionalInteger, optionalText } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.hotdesk`: logs a user in on the calling device (`login`), out
 * (`logout`), or whichever applies (`toggle`). The user is `id`, else the caller keys in
 * the user's hotdesk id, then the PIN when the user's hotdesk requires one. While logged
 * in, calls to the user ring that device too. `bridge` rings the devices the user `id`
 * is logged in on (for 20 s, while the user's hotdesk is enabled); a failure cause with
 * a child of that name goes there, anything else, an answered call too, to `_`.
 */
export const hotdeskModule = defineModule({
  module: 'hotdesk',
  description: 'Logs a user in on the calling device by hotdesk id and PIN, or out.',
  data: z.looseObject({
    action: z.enum(['login', 'logout', 'toggle', 'bridge']),
    /** A user id; left out, the caller keys in a hotdesk id (`bridge` needs it). */
    id: optionalText,
    /** Milliseconds allowed between two keys (2000 by default). */
    interdigit_timeout: optionalInteger(1, 60_000),
  }),
  examples: [{ data: { action: 'login' } }, { data: { action: 'logout' } }, { data: { action: 'toggle', id: 'a4b1f2c00000400080000000000000a1', interdigit_timeout: 3000 } }, { data: { action: 'bridge', id: 'a4b1f2c00000400080000000000000a1' }, children: { _: { module: 'voicemail', data: { id: 'a4b1f2c00000400080000000000000b1' } } } }],
});
