import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `directory_search`: dial by name (cf_directory). `search` finds the users of the
 * account's directory `directory_id` whose name, spelled on the keypad (the directory's
 * `sort_by` name first, then the other), starts with `digits`; `next` moves to the next
 * match. The match is left in `voipbin.directory.name` and `voipbin.directory.callflow_id`
 * (from the user's `directories`), and `voipbin.directory.result` is `match`, `auto`
 * (the first match of a directory whose `confirm_match` is false), `none`
 * (nobody, or fewer digits than the directory's `min_dtmf`), `end` (no more matches) or
 * `failed` (no such directory).
 */
export const directorySearchAction = defineAction({
  type: 'directory_search',
  runsOn: 'flow',
  description: "Finds the users of a dial-by-name directory whose name starts with the letters keyed in.",
  option: z.looseObject({
    action: z.enum(['search', 'next']),
    directory_id: z.string().min(1).max(128),
    /** The keys pressed, usually `${voipbin.call.digits}`; a trailing `#` is left out. */
    digits: z.string().max(128).optional(),
  }),
  examples: [{ action: 'search', directory_id: 'staff', digits: '${voipbin.call.digits}' }, { action: 'next', directory_id: 'staff' }],
});
