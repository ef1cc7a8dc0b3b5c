import { z } from 'zod';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.directory`: dial by name in the account's directory `id`
 * (`/v2/accounts/{ACCOUNT_ID}/directories`). The caller keys in the first letters of the
 * name, hears each match and presses 1 to be connected to the callflow the user's
 * `directories` names, or 9 for the next match; without `confirm_match` the first match
 * is connected at once.
 */
export const directoryModule = defineModule({
  module: 'directory',
  description: 'Dial by name: the caller spells a name on the keypad and is connected to the user found.',
  data: z.looseObject({
    id: z.string().min(1).max(128),
  }),
  examples: [{ data: { id: '5f3e9a1c2b4d6e8f0a1b2c3d4e5f6a7b' } }],
});
