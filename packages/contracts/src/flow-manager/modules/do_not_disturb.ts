import { z } from 'zod';
import { optionalText } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.do_not_disturb`, the DND feature codes (`*78` on, `*79` off):
 * changes the `do_not_disturb` of the user or device `id`, else of the calling device's
 * owner, else of the calling device, and says what it did. While it is on, the
 * `device`, `user` and `ring_group` modules do not ring that endpoint.
 */
export const doNotDisturbModule = defineModule({
  module: 'do_not_disturb',
  description: "Turns the caller's (or a user's or device's) do-not-disturb on, off or over (feature codes).",
  data: z.looseObject({
    /** `toggle` when left out. */
    action: z.enum(['activate', 'deactivate', 'toggle']).nullable().optional(),
    id: optionalText,
  }),
  examples: [{ data: { action: 'activate' } }, { data: { action: 'deactivate' } }, { data: { action: 'toggle', id: 'a4b1f2c00000400080000000000000a1' } }],
});
