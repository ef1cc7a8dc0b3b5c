import { z } from 'zod';
import { regexPattern } from './condition_regex.js';
import { actionId } from './common.js';
import { defineAction } from './define.js';

/**
 * `route_lookup`: finds the account's flow a number reaches, as an incoming call to it
 * would (the exact number, then the longest pattern), for a menu's `hunt` to an
 * extension. Found, it falls through with `voipbin.route.flow_id` and the pattern's
 * captures (`capture_group`, ...) set; not found, another account's, refused by `allow`
 * or matched by `deny`, it jumps to `false_target_id`. A trailing `#` is not part of the number.
 */
export const routeLookupAction = defineAction({
  type: 'route_lookup',
  runsOn: 'flow',
  description: "Finds the account's flow a number reaches; jumps to false_target_id when there is none.",
  option: z.looseObject({
    /** The number, usually a template such as `${voipbin.call.digits}`. */
    number: z.string().max(1024),
    false_target_id: actionId,
    /** A number must match this to be looked up (Kazoo's `hunt_allow`). */
    allow: regexPattern.optional(),
    /** A number matching this is not looked up (Kazoo's `hunt_deny`). */
    deny: regexPattern.optional(),
  }),
  examples: [{ number: '${voipbin.call.digits}', false_target_id: 'invalid', allow: '^[0-9]{4}$', deny: '^9' }],
});
