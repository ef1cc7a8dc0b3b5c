import { z } from 'zod';
import { displayNameSchema, httpUrlSchema, idSchema, pageQuerySchema, timestampSchema, webhookMethodSchema } from './common.js';

/**
 * Accounts form a tree, as Kazoo's do: every account but the master (the root made at
 * first start) has a parent, and `tree` lists its ancestors root first (Kazoo's
 * pvt_tree). A reseller is an account flagged `is_reseller`; `reseller_id` is the
 * nearest reseller above an account (the master is one), the one that bills it.
 */
export const realmSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, { message: 'must be a DNS name (letters, digits, dots, hyphens)' });

/** One caller id of Kazoo's caller_id schema: a name and a number, each at most 35 characters there. */
const callerIdEntrySchema = z.strictObject({
  name: z.string().trim().max(35).optional(),
  number: z.string().trim().max(35).regex(/^[^\s'"{}[\],|]*$/, 'may not hold spaces, quotes, brackets, braces, commas or |').optional(),
});

/**
 * Kazoo's account `caller_id`: what the account's calls present to the outside world
 * (`external`), inside it (`internal`) and to emergency services (`emergency`). DISA's
 * `use_account_caller_id` presents `external`.
 */
export const accountCallerIdSchema = z.strictObject({
  external: callerIdEntrySchema.optional(),
  internal: callerIdEntrySchema.optional(),
  emergency: callerIdEntrySchema.optional(),
});
export type AccountCallerId = z.infer<typeof accountCallerIdSchema>;

export const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  realm: z.string(),
  parent_id: z.string().nullable(),
  tree: z.array(z.string()).describe('Every ancestor, root first; empty for the master.'),
  reseller_id: z.string().nullable(),
  is_reseller: z.boolean(),
  enabled: z.boolean(),
  timezone: z.string(),
  language: z.string(),
  caller_id: accountCallerIdSchema.optional(),
  webhook_uri: z.string().nullable().describe("voipbin's account-level event destination; webhook-manager delivers there too."),
  webhook_method: z.string().nullable(),
  created: timestampSchema,
  updated: timestampSchema,
});
export type Account = z.infer<typeof accountSchema>;

/**
 * The account as the mesh sees it: with the secret that signs its webhooks. The API
 * gateway shows the secret to the account itself only.
 */
export const accountDocSchema = accountSchema.extend({ webhook_secret: z.string() });
export type AccountDoc = z.infer<typeof accountDocSchema>;

const accountFields = {
  name: displayNameSchema,
  realm: realmSchema,
  is_reseller: z.boolean(),
  enabled: z.boolean(),
  timezone: z.string().trim().min(1).max(64),
  language: z.string().trim().min(2).max(16),
  caller_id: accountCallerIdSchema,
  webhook_uri: httpUrlSchema.nullable(),
  webhook_method: webhookMethodSchema.nullable(),
};

/** What POST replaces: the whole document (omitted fields go back to their defaults). */
export const accountInputSchema = z.strictObject({
  name: accountFields.name,
  realm: accountFields.realm.optional(),
  is_reseller: accountFields.is_reseller.optional(),
  enabled: accountFields.enabled.optional(),
  timezone: accountFields.timezone.optional(),
  language: accountFields.language.optional(),
  caller_id: accountFields.caller_id.optional(),
  webhook_uri: accountFields.webhook_uri.optional(),
  webhook_method: accountFields.webhook_method.optional(),
});
export type AccountInput = z.infer<typeof accountInputSchema>;

export const createAccountBodySchema = accountInputSchema.extend({
  /** The parent; absent only for the master, which bootstrap makes. */
  parent_id: idSchema,
});
export type CreateAccountBody = z.infer<typeof createAccountBodySchema>;

/** PATCH merges; `null` puts an optional field back to its default. */
export const accountPatchSchema = z.strictObject({
  name: accountFields.name.optional(),
  realm: accountFields.realm.optional(),
  is_reseller: accountFields.is_reseller.nullable().optional(),
  enabled: accountFields.enabled.nullable().optional(),
  timezone: accountFields.timezone.nullable().optional(),
  language: accountFields.language.nullable().optional(),
  caller_id: accountFields.caller_id.nullable().optional(),
  webhook_uri: accountFields.webhook_uri.optional(),
  webhook_method: accountFields.webhook_method.optional(),
});
export type AccountPatch = z.infer<typeof accountPatchSchema>;

export const accountLookupQuerySchema = z.strictObject({
  name: z.string().trim().min(1).max(128).optional(),
  realm: z.string().trim().toLowerCase().min(1).max(253).optional(),
});

export const accountListQuerySchema = pageQuerySchema;

export const ACCOUNT_DEFAULTS = { timezone: 'UTC', language: 'en-us' } as const;
