import { z } from 'zod';
import { callSettingsFields, callSettingsPatchFields } from './call-settings.js';
import { displayNameSchema, timestampSchema } from './common.js';

/**
 * Users log in with `user_auth`: Kazoo's credentials are md5("username:password") with
 * the username lower-cased, so the stored secrets are slow hashes (scrypt) of that md5
 * and of the matching sha1, never the password or a fast hash of it. Neither is ever
 * returned.
 */
export const privLevels = ['admin', 'user'] as const;

export const usernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._@+-]+$/, { message: 'may hold letters, digits and . _ @ + - only' });

/** Kazoo's `directories` of a user: the callflow a dial-by-name directory connects to, by directory id. */
export const userDirectoriesSchema = z.record(z.string().min(1).max(128), z.string().min(1).max(128));

/** How the user is rung, whether voicemail goes out by email (Kazoo's default: true), and the directories listing the user. */
function userCallFields() {
  return { ...callSettingsFields, vm_to_email_enabled: z.boolean().optional(), directories: userDirectoriesSchema.optional() };
}

export const passwordSchema = z.string().min(6).max(256);

export const userSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  first_name: z.string(),
  last_name: z.string(),
  enabled: z.boolean(),
  priv_level: z.enum(privLevels),
  ...userCallFields(),
  created: timestampSchema,
  updated: timestampSchema,
});
export type User = z.infer<typeof userSchema>;

const userFields = {
  username: usernameSchema,
  password: passwordSchema,
  email: z.email().max(254).nullable(),
  first_name: displayNameSchema,
  last_name: displayNameSchema,
  enabled: z.boolean(),
  priv_level: z.enum(privLevels),
};

/** Create and replace. A replace needs `password` only when the username changes (the hashes cover it). */
export const userInputSchema = z.strictObject({
  username: userFields.username,
  password: userFields.password.optional(),
  email: userFields.email.optional(),
  first_name: userFields.first_name.optional(),
  last_name: userFields.last_name.optional(),
  enabled: userFields.enabled.optional(),
  priv_level: userFields.priv_level.optional(),
  ...userCallFields(),
});
export type UserInput = z.infer<typeof userInputSchema>;

export const userPatchSchema = z.strictObject({
  username: userFields.username.optional(),
  password: userFields.password.optional(),
  email: userFields.email.optional(),
  first_name: userFields.first_name.nullable().optional(),
  last_name: userFields.last_name.nullable().optional(),
  enabled: userFields.enabled.nullable().optional(),
  priv_level: userFields.priv_level.nullable().optional(),
  ...callSettingsPatchFields,
  vm_to_email_enabled: z.boolean().nullable().optional(),
  /** Replaced whole; null removes it. */
  directories: userDirectoriesSchema.nullable().optional(),
});
export type UserPatch = z.infer<typeof userPatchSchema>;
