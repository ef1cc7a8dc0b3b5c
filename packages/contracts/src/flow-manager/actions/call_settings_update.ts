import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `call_settings_update`: turns the call forwarding or do-not-disturb of a user or a
 * device on, off, over, or gives call forwarding a new number, as Kazoo's feature codes
 * (cf_call_forward, cf_do_not_disturb) do. The document is `id` (a user or a device),
 * else the calling device's owner, else the calling device. What came of it is left in
 * `voipbin.call_settings.result`: `activated`, `deactivated`, `updated`, `number_missing`
 * (call forwarding to turn on and no number known) or `unavailable` (no document to
 * change); the number forwarded to in `voipbin.call_settings.number`.
 */
export const callSettingsUpdateAction = defineAction({
  type: 'call_settings_update',
  runsOn: 'flow',
  description: 'Turns the call forwarding or do-not-disturb of the calling user or device on, off or over.',
  option: z.looseObject({
    setting: z.enum(['call_forward', 'do_not_disturb']),
    action: z.enum(['activate', 'deactivate', 'toggle', 'update']),
    /** A user or device id, or a template; empty means the caller's own. */
    id: z.string().max(128).optional(),
    /** call_forward: the number to forward to, or a template such as `${capture_group}`; empty keeps the stored one. */
    number: z.string().max(128).optional(),
  }),
  examples: [
    { setting: 'call_forward', action: 'activate', number: '${capture_group}' },
    { setting: 'do_not_disturb', action: 'toggle' },
    { setting: 'do_not_disturb', action: 'activate', id: 'a4b1f2c00000400080000000000000a1' },
  ],
});
