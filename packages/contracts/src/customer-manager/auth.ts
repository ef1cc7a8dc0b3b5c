import { z } from 'zod';
import { displayNameSchema, timestampSchema } from './common.js';

/**
 * API keys and auth tokens. Both are random secrets kept only as their SHA-256 (they
 * carry enough entropy that a fast hash is safe, and a lookup by hash is one index
 * probe); an API key is shown once, when it is made. A token expires and can be
 * revoked; `auth_token_revoked` tells every gateway replica to forget it at once.
 */
export const apiKeySchema = z.object({
  id: z.string(),
  account_id: z.string(),
  name: z.string(),
  /** The first characters of the key, to tell keys apart. */
  prefix: z.string(),
  created: timestampSchema,
  last_used: timestampSchema.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** The reply to making a key: the only time the key itself is shown. */
export const apiKeyCreatedSchema = apiKeySchema.extend({ api_key: z.string() });
export type ApiKeyCreated = z.infer<typeof apiKeyCreatedSchema>;

export const apiKeyInputSchema = z.strictObject({ name: displayNameSchema.optional() });

export const apiKeyAuthBodySchema = z.strictObject({
  api_key: z.string().trim().min(1).max(256),
});

export const credentialMethods = ['md5', 'sha1'] as const;

/**
 * Kazoo's user_auth: `credentials` is md5 (or sha1) of "username:password", the
 * username lower-cased; the account is named by `account_name` or `account_realm`.
 */
export const userAuthBodySchema = z
  .strictObject({
    credentials: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^([0-9a-f]{32}|[0-9a-f]{40})$/, { message: 'must be the hex md5 (32) or sha1 (40) of "username:password"' }),
    method: z.enum(credentialMethods).optional(),
    account_name: z.string().trim().min(1).max(128).optional(),
    account_realm: z.string().trim().toLowerCase().min(1).max(253).optional(),
    realm: z.string().trim().toLowerCase().min(1).max(253).optional(),
  })
  .refine((body) => body.account_name !== undefined || body.account_realm !== undefined || body.realm !== undefined, {
    message: 'give account_name or account_realm',
    path: ['account_name'],
  });
export type UserAuthBody = z.infer<typeof userAuthBodySchema>;

export const authMethods = ['api_key', 'user_auth'] as const;

/** What a successful api_auth or user_auth answers. */
export const authTokenSchema = z.object({
  auth_token: z.string(),
  account_id: z.string(),
  account_name: z.string(),
  owner_id: z.string().nullable(),
  method: z.enum(authMethods),
  is_reseller: z.boolean(),
  reseller_id: z.string().nullable(),
  issued: timestampSchema,
  expires: timestampSchema,
  /** Seconds the token has left. */
  expires_in: z.number().int(),
});
export type AuthToken = z.infer<typeof authTokenSchema>;

export const tokenBodySchema = z.strictObject({ auth_token: z.string().min(1).max(512) });

/** What validating a token answers: who holds it and where in the tree that account sits. */
export const tokenInfoSchema = z.object({
  account_id: z.string(),
  account_name: z.string(),
  owner_id: z.string().nullable(),
  method: z.enum(authMethods),
  /** The token account's ancestors, root first. */
  tree: z.array(z.string()),
  /** The master account's tokens reach every account (Kazoo's super-duper admin). */
  is_superduper_admin: z.boolean(),
  /** An admin user's token, or an API key's (users with priv_level "user" are not admins). */
  is_admin: z.boolean(),
  issued: timestampSchema,
  expires: timestampSchema,
  /** Milliseconds since the epoch, for callers that cache the answer. */
  expires_at_ms: z.number().int(),
  token_hash: z.string(),
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;

export const revokeReplySchema = z.object({ revoked: z.boolean() });

/** The master account, made at first start. */
export const bootstrapBodySchema = z.strictObject({
  /** The master API key to use (the gateway's -master_api_key); generated when absent and no master exists. */
  api_key: z.string().trim().min(16).max(256).optional(),
  name: z.string().trim().min(1).max(128).optional(),
});

export const bootstrapReplySchema = z.object({
  account_id: z.string(),
  account_name: z.string(),
  /** True when this call made the master. */
  created: z.boolean(),
  /** The key given or generated now; null when the master existed and no key was given. */
  api_key: z.string().nullable(),
});
export type BootstrapReply = z.infer<typeof bootstrapReplySchema>;
