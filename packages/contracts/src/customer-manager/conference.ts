import { z } from 'zod';
import { displayNameSchema, idSchema, timestampSchema } from './common.js';
import { patchSchemaOf } from './patch.js';

/**
 * A conference (Kazoo's `conferences.json`). Callers are members or moderators: each
 * role has its PINs (a caller is asked for one when either role has any) and whether
 * it joins muted (members by default) or deaf.
 */
export const conferenceRoleSchema = z.strictObject({
  pins: z.array(z.string().regex(/^[0-9]+$/, { message: 'must be digits' }).max(16)).max(50).optional(),
  numbers: z.array(z.string().regex(/^[0-9]+$/, { message: 'must be digits' }).max(32)).max(50).optional(),
  /** Members default to true, moderators to false. */
  join_muted: z.boolean().optional(),
  join_deaf: z.boolean().optional(),
});
export type ConferenceRole = z.infer<typeof conferenceRoleSchema>;

export const conferenceFields = {
  name: displayNameSchema,
  member: conferenceRoleSchema.optional(),
  moderator: conferenceRoleSchema.optional(),
  conference_numbers: z.array(z.string().regex(/^[0-9]+$/, { message: 'must be digits' }).max(32)).max(50).optional(),
  /** Nobody joins past this many. */
  max_participants: z.number().int().min(1).max(10_000).optional(),
  owner_id: idSchema.optional(),
  play_welcome: z.boolean().optional(),
  play_name: z.boolean().optional(),
  require_moderator: z.boolean().optional(),
  wait_for_moderator: z.boolean().optional(),
  flags: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
};

export const conferenceSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  ...conferenceFields,
  created: timestampSchema,
  updated: timestampSchema,
});
export type Conference = z.infer<typeof conferenceSchema>;

export const conferenceInputSchema = z.strictObject(conferenceFields);
export type ConferenceInput = z.infer<typeof conferenceInputSchema>;

/** PATCH merges into the stored conference: `member` and `moderator` key by key, null removes. */
export const conferencePatchSchema = patchSchemaOf(conferenceFields);
export type ConferencePatch = z.infer<typeof conferencePatchSchema>;
