import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `transfer` (applications/konami/doc/transfer.md). */
export const transferMetaflow = defineMetaflowModule({
  module: 'transfer',
  description:
    "Transfers the other party to the captured number or `target`: attended to a dialled number (the takeback DTMF, default *1, cancelling it), blind to one of the account's callflows or with `Transfer-Type` blind.",
  data: z.looseObject({
    target: z.string().min(1).max(64).optional(),
    /** Kazoo's channels.md spellings; `transfer_type` is read too. */
    'Transfer-Type': z.enum(['attended', 'blind']).optional(),
    'transfer-type': z.enum(['attended', 'blind']).optional(),
    transfer_type: z.enum(['attended', 'blind']).optional(),
    takeback_dtmf: z.string().regex(/^[0-9*#]{1,8}$/, 'DTMF of 0-9, * and #').optional(),
    moh: z.string().max(2048).optional(),
    ringback: z.string().max(2048).optional(),
  }),
  examples: [{ data: { takeback_dtmf: '*1', moh: 'media_id' } }, { data: { target: '2600', ringback: '%(2000,4000,440,480)' } }, { data: { target: '2600', 'Transfer-Type': 'blind' } }],
});
