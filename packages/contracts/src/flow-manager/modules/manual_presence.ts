import { z } from 'zod';
import { defineModule } from './define.js';

/** Kazoo's `callflows.manual_presence` (pivot/doc/kazoo/presence.md). */
export const manualPresenceModule = defineModule({
  module: 'manual_presence',
  description: "Sets a presence id's state (idle, ringing or busy) on the phones watching it.",
  data: z.looseObject({
    /** A name (the account's realm is added) or name@realm. */
    presence_id: z.string().min(1).max(255),
    status: z.enum(['idle', 'ringing', 'busy']),
  }),
  examples: [{ data: { presence_id: 'user', status: 'ringing' } }, { data: { presence_id: 'frontdesk@example.com', status: 'busy' } }],
});
