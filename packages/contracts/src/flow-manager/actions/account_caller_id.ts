import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `account_caller_id`: the call presents the caller id its account keeps (Kazoo's
 * account `caller_id`; `external` unless `kind` says otherwise), as cf_disa's
 * `use_account_caller_id` does. A half the account leaves out keeps the call's own; an
 * account with none leaves the caller id as it was. `voipbin.account_caller_id.result`
 * is `found`, `none` or `failed` (the account could not be read).
 */
export const accountCallerIdAction = defineAction({
  type: 'account_caller_id',
  runsOn: 'flow',
  description: "Presents the caller id the call's account keeps (external, internal or emergency).",
  option: z.looseObject({
    kind: z.enum(['external', 'internal', 'emergency']).optional(),
  }),
  examples: [{}, { kind: 'emergency' }],
});
