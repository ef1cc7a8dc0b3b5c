import { z } from 'zod';
import { durationMs } from './common.js';
import { defineAction } from './define.js';

/**
 * `voicemail_leave`: the caller leaves a message in a voicemail box (Kazoo's voicemail
 * compose): the box's greeting (or a spoken one), the instructions, a beep, then a
 * recording ended by `#`, silence of the caller, or `max_message_length`. A message
 * with sound is stored in the box as new, announced, and the box owner's phones are
 * told (MWI). `voipbin.voicemail.result` says `stored`, `empty`, `full` or `no_box`.
 */
export const voicemailLeaveAction = defineAction({
  type: 'voicemail_leave',
  runsOn: 'media',
  description: 'Lets the caller leave a message in a voicemail box.',
  option: z.looseObject({
    vmbox_id: z.string().min(1).max(128),
    /** The box's own limit, else Kazoo's 500 s. */
    max_message_length: durationMs.optional(),
    skip_greeting: z.boolean().optional(),
    skip_instructions: z.boolean().optional(),
  }),
  examples: [{ vmbox_id: 'a4b1f2c00000400080000000000000e1' }, { vmbox_id: 'a4b1f2c00000400080000000000000e1', max_message_length: 120000, skip_instructions: true }],
});
