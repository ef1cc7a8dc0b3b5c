import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `conference_enter` (Kazoo's conference module): the caller joins a pre-defined
 * conference (`conference_id`, kept by customer-manager) or an ad hoc one (`config`,
 * a conference document; callers with the same `config.name` meet). When either role
 * has PINs the caller is asked for one (three tries) and its PIN makes it a moderator
 * or a member, unless `moderator` says which. Members join muted unless their
 * `join_muted` is false; `max_participants` turns the next caller away. Done when the
 * caller leaves. `voipbin.conference.result`: `joined`, `bad_pin`, `full`, `no_conference`.
 */
export const conferenceEnterAction = defineAction({
  type: 'conference_enter',
  runsOn: 'media',
  description: 'Joins the caller to a pre-defined or ad hoc conference, as member or moderator after its PIN.',
  option: z.looseObject({
    conference_id: z.string().min(1).max(128).optional(),
    config: z.looseObject({ name: z.string().min(1).max(128) }).optional(),
    moderator: z.boolean().optional(),
    /** Default true: "Welcome to the conference." */
    welcome: z.boolean().optional(),
  }),
  examples: [
    { conference_id: 'a4b1f2c00000400080000000000000c1' },
    { config: { name: 'standup', member: { pins: ['1234'] }, moderator: { pins: ['4321'] } }, welcome: false },
  ],
});
