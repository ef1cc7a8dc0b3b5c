import { z } from 'zod';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.conference`: a pre-defined conference by `id`, or an ad hoc one
 * built from `config` (a conference document); `moderator` sets the caller's role
 * without a PIN; `welcome_prompt.play` false skips the welcome. The call ends when the
 * caller leaves the conference. Entry and exit tones are the switch's defaults.
 */
export const conferenceModule = defineModule({
  module: 'conference',
  description: 'Joins the caller to a conference, pre-defined or ad hoc.',
  data: z.looseObject({
    id: z.string().min(1).max(128).nullable().optional(),
    config: z
      .looseObject({
        name: z.string().min(1).max(128),
        member: z.looseObject({ pins: z.array(z.string().regex(/^[0-9]+$/, 'must be digits')).optional() }).optional(),
        moderator: z.looseObject({ pins: z.array(z.string().regex(/^[0-9]+$/, 'must be digits')).optional() }).optional(),
      })
      .nullable()
      .optional(),
    moderator: z.boolean().nullable().optional(),
    welcome_prompt: z.looseObject({ play: z.boolean().optional(), media_id: z.string().max(2048).optional() }).nullable().optional(),
    play_entry_tone: z.unknown().optional(),
    play_exit_tone: z.unknown().optional(),
    skip_module: z.boolean().nullable().optional(),
  }),
  examples: [
    { data: { id: 'a4b1f2c00000400080000000000000c1' } },
    { data: { config: { name: 'Ad hoc standup', member: { pins: ['1234'] } }, moderator: false, welcome_prompt: { play: false } } },
  ],
});
