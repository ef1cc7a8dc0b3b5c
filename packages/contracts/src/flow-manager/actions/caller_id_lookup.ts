import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `caller_id_lookup`: dynamic_cid's `list` and `lists` (cf_dynamic_cid). The digits
 * captured after a feature code (`captured`, e.g. `${capture_group}`) start with a key
 * that names a caller id in a stored list; the rest is the number to call. `list` reads
 * the list document's `entries` by key (`length` digits, 2 by default, or `key` when a
 * named capture holds it); `lists` reads the list's entries whose `cid_key` is the first
 * two digits. The caller id found becomes the call's; the number to call is left in
 * `voipbin.dynamic_cid.destination`, and `voipbin.dynamic_cid.result` is `found`,
 * `default` (no such key: the caller id is kept) or `failed` (no list, nothing captured).
 */
export const callerIdLookupAction = defineAction({
  type: 'caller_id_lookup',
  runsOn: 'flow',
  description: 'Presents the caller id a stored list keeps under the key keyed in after a feature code.',
  option: z.looseObject({
    action: z.enum(['list', 'lists']),
    list_id: z.string().min(1).max(128),
    captured: z.string().max(128),
    key: z.string().max(128).optional(),
  }),
  examples: [
    { action: 'list', list_id: 'cid-list', captured: '${capture_group}' },
    { action: 'lists', list_id: 'cid-list', captured: '${capture_group}' },
    { action: 'list', list_id: 'cid-list', captured: '${capture_group}', key: '${capture_groups.cid}' },
  ],
});
