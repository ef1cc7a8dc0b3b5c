import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `voicemail_check`: the box's owner listens to its messages (Kazoo's voicemail check):
 * the PIN (three tries), the counts, then the main menu (1 new messages, 2 saved ones,
 * # exit) and after each message Kazoo's keys: 1 save, 2 replay, 6 next, 7 delete.
 * The owner's phones are told the new counts (MWI) when done.
 * `voipbin.voicemail.result` says `checked`, `login_failed` or `no_box`.
 */
export const voicemailCheckAction = defineAction({
  type: 'voicemail_check',
  runsOn: 'media',
  description: "Lets the box's owner listen to, save and delete its messages.",
  option: z.looseObject({
    vmbox_id: z.string().min(1).max(128),
  }),
  examples: [{ vmbox_id: 'a4b1f2c00000400080000000000000e1' }],
});
