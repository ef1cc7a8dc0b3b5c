import { z } from 'zod';
import { displayNameSchema, idSchema, timestampSchema } from './common.js';

/**
 * A group (Kazoo's `groups.json`): a named set of users and devices of the account that
 * a ring group can ring together. `endpoints` is keyed by the member's id, as Kazoo
 * keys it; ids are Kazoo's 32 hex digits, so no key is anything but an id.
 */
export const groupMemberSchema = z.strictObject({
  type: z.enum(['user', 'device']),
  /** Kept as written: Kazoo's UI orders members with it. */
  weight: z.number().int().min(1).max(100).optional(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const groupEndpointsSchema = z.record(idSchema, groupMemberSchema).refine((endpoints) => Object.keys(endpoints).length <= 500, 'holds at most 500 endpoints');

export const groupFields = {
  name: displayNameSchema,
  endpoints: groupEndpointsSchema,
  music_on_hold: z.strictObject({ media_id: z.string().trim().min(1).max(128).optional() }).optional(),
  flags: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
};

export const groupSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  ...groupFields,
  created: timestampSchema,
  updated: timestampSchema,
});
export type Group = z.infer<typeof groupSchema>;

/** Create and replace: `name` and `endpoints` are required, as in Kazoo. */
export const groupInputSchema = z.strictObject(groupFields);
export type GroupInput = z.infer<typeof groupInputSchema>;

/** PATCH: `endpoints` merges member by member (null removes one); other objects are replaced, null removes them. */
export const groupPatchSchema = z.strictObject({
  name: displayNameSchema.optional(),
  endpoints: z.record(idSchema, groupMemberSchema.nullable()).optional(),
  music_on_hold: groupFields.music_on_hold.unwrap().nullable().optional(),
  flags: groupFields.flags.unwrap().nullable().optional(),
});
export type GroupPatch = z.infer<typeof groupPatchSchema>;
