import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `receive_fax`: answers and receives a fax (FreeSWITCH's rxfax, mod_spandsp) into the
 * account's inbox, for `faxbox_id` when given; the fax is stored with its page count and
 * result, whether it came through or not. `voipbin.fax.result` is `SUCCESS` or the
 * result text.
 */
export const receiveFaxAction = defineAction({
  type: 'receive_fax',
  runsOn: 'media',
  description: "Receives a fax into the account's inbox (a fax box's when given).",
  option: z.looseObject({
    faxbox_id: z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lower-case hex digits').optional(),
  }),
  examples: [{}, { faxbox_id: 'a4b1f2c00000400080000000000000f1' }],
});
