import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `hotdesk_update`: logs a user in on the calling device, or out, as Kazoo's cf_hotdesk
 * does. The user is `user_id`, else the one whose hotdesk `hotdesk_id` is, else (to log
 * out or toggle) the one user logged in on the device. A user whose hotdesk requires
 * its PIN logs in only with `pin`. Unless the user keeps logged in elsewhere, logging in
 * logs the user out of every other device, and logging out does so everywhere. What came
 * of it is left in `voipbin.hotdesk.result`: `logged_in`, `logged_out`, `id_required`,
 * `unknown_user`, `pin_required`, `pin_invalid`, `unavailable` (no calling device) or
 * `failed`; the user's id in `voipbin.hotdesk.user_id`.
 */
export const hotdeskUpdateAction = defineAction({
  type: 'hotdesk_update',
  runsOn: 'flow',
  description: 'Logs a user in on the calling device by hotdesk, or out.',
  option: z.looseObject({
    action: z.enum(['login', 'logout', 'toggle']),
    /** Templates such as `${voipbin.call.digits}` are read when the action runs. */
    user_id: z.string().max(128).optional(),
    hotdesk_id: z.string().max(128).optional(),
    pin: z.string().max(128).optional(),
  }),
  examples: [
    { action: 'login', hotdesk_id: '${voipbin.call.digits}' },
    { action: 'toggle', user_id: 'a4b1f2c00000400080000000000000a1', pin: '${voipbin.call.digits}' },
    { action: 'logout' },
  ],
});
