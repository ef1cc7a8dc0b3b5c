import { z } from 'zod';
import { displayNameSchema, idSchema, timestampSchema } from './common.js';

/**
 * A voicemail box (Kazoo's `vmboxes.json`): `mailbox` is its number, unique in the
 * account. The PIN is returned, as Kazoo returns it: the box's owner manages it.
 */
/** The optional settings, each as it is stored. */
const vmboxSettings = {
  pin: z.string().regex(/^\d{4,6}$/, { message: 'must be 4 to 6 digits' }),
  owner_id: idSchema,
  /** `unavailable`: the greeting callers hear (a media URL). */
  media: z.strictObject({ unavailable: z.string().trim().min(1).max(2048).optional() }),
  /** Default 100; a full box takes no new message. */
  max_message_count: z.number().int().min(0).max(10_000),
  /** Seconds a message may last; default 500, Kazoo's callflow default. */
  max_message_length: z.number().int().min(1).max(3600),
  skip_greeting: z.boolean(),
  skip_instructions: z.boolean(),
  require_pin: z.boolean(),
  check_if_owner: z.boolean(),
  is_setup: z.boolean(),
  oldest_message_first: z.boolean(),
  delete_after_notify: z.boolean(),
  save_after_notify: z.boolean(),
  timezone: z.string().trim().min(5).max(32),
  notify_email_addresses: z.array(z.email().max(254)).max(20),
  flags: z.array(z.string().trim().min(1).max(64)).max(50),
};
type Settings = typeof vmboxSettings;
const optional = <T extends Record<string, z.ZodType>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };
const removable = <T extends Record<string, z.ZodType>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([key, schema]) => [key, schema.nullable().optional()])) as { [K in keyof T]: z.ZodOptional<z.ZodNullable<T[K]>> };

const mailboxSchema = z.string().trim().min(1).max(30).regex(/^[0-9*#+]+$/, { message: 'may hold digits, * # and + only' });

export const vmboxFields = {
  name: displayNameSchema,
  mailbox: mailboxSchema,
  ...optional<Settings>(vmboxSettings),
};

export const vmboxSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  ...vmboxFields,
  created: timestampSchema,
  updated: timestampSchema,
});
export type Vmbox = z.infer<typeof vmboxSchema>;

export const vmboxInputSchema = z.strictObject(vmboxFields);
export type VmboxInput = z.infer<typeof vmboxInputSchema>;

/** PATCH merges: a field given replaces the stored one, null removes it (`name` and `mailbox` stay). */
export const vmboxPatchSchema = z.strictObject({
  name: displayNameSchema.optional(),
  mailbox: mailboxSchema.optional(),
  ...removable<Settings>(vmboxSettings),
});
export type VmboxPatch = z.infer<typeof vmboxPatchSchema>;

/** Kazoo's folders: new until heard, saved, deleted (kept until purged). */
export const vmFolders = ['new', 'saved', 'deleted'] as const;

/** A message left in a box: Kazoo's message metadata, `length` in ms, `timestamp` in Gregorian seconds. */
export const vmMessageSchema = z.object({
  media_id: z.string(),
  vmbox_id: z.string(),
  account_id: z.string(),
  folder: z.enum(vmFolders),
  caller_id_number: z.string(),
  caller_id_name: z.string(),
  from: z.string(),
  to: z.string(),
  call_id: z.string(),
  length: z.number().int().min(0),
  timestamp: z.number().int(),
  /** Where the media server wrote the audio. */
  media_path: z.string(),
});
export type VmMessage = z.infer<typeof vmMessageSchema>;

/** What call-manager reports once a caller left a message. */
export const vmMessageInputSchema = z.strictObject({
  caller_id_number: z.string().max(128),
  caller_id_name: z.string().max(128),
  from: z.string().max(255),
  to: z.string().max(255),
  call_id: z.string().max(128),
  length: z.number().int().min(0).max(24 * 3600 * 1000),
  media_path: z.string().min(1).max(1024),
});
export type VmMessageInput = z.infer<typeof vmMessageInputSchema>;

/**
 * Kazoo's change of a message: `folder` moves it between folders; `source_id` moves it
 * to another box of the account (a box id), or copies it to each of a list of boxes.
 */
export const vmMessagePatchSchema = z
  .strictObject({
    folder: z.enum(vmFolders).optional(),
    source_id: z.union([idSchema, z.array(idSchema).min(1).max(20)]).optional(),
  })
  .refine((change) => change.folder !== undefined || change.source_id !== undefined, { message: 'give folder or source_id' });
export type VmMessagePatch = z.infer<typeof vmMessagePatchSchema>;

export const vmMessageQuerySchema = z.strictObject({ folder: z.enum(vmFolders).optional() });
