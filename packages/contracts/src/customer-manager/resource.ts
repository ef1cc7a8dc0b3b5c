import { z } from 'zod';
import { displayNameSchema, idSchema, timestampSchema } from './common.js';
import { patchSchemaOf } from './patch.js';

/**
 * A carrier (Kazoo's `resources.json`): the platform's own (`system`, Kazoo's global
 * resources) or an account's (`local_resources`). Calls to a number its `rules` match
 * go to its gateways in order; resources are tried by `weight_cost`, lowest first.
 */
export const resourceGatewaySchema = z.strictObject({
  server: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$/, { message: 'must be a host name or an IPv4 address' }),
  port: z.number().int().min(1).max(65535).optional(),
  /** Added before the number sent to the carrier. */
  prefix: z.string().max(16).regex(/^[0-9*#+]*$/, { message: 'may hold digits, * # and + only' }).optional(),
  suffix: z.string().max(16).regex(/^[0-9*#]*$/, { message: 'may hold digits, * and # only' }).optional(),
  username: z.string().max(128).optional(),
  password: z.string().max(128).optional(),
  realm: z.string().max(253).optional(),
  /** Default true. */
  enabled: z.boolean().optional(),
  /** Seconds before a gateway that does not ring is given up. */
  progress_timeout: z.number().int().min(1).max(120).optional(),
});
export type ResourceGateway = z.infer<typeof resourceGatewaySchema>;

const regexSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((value) => {
    try {
      new RegExp(value);
      return true;
    } catch {
      return false;
    }
  }, 'must be a regular expression');

/**
 * One of Kazoo's formatters (stepswitch's formatters.md): on a value the `regex`
 * matches, its first capture (else the whole match) between `prefix` and `suffix`;
 * `strip` sends the field empty. `direction` unset means both.
 */
export const resourceFormatterSchema = z.strictObject({
  regex: regexSchema.optional(),
  prefix: z.string().max(64).optional(),
  suffix: z.string().max(64).optional(),
  strip: z.boolean().optional(),
  direction: z.enum(['inbound', 'outbound', 'both']).optional(),
  match_invite_format: z.boolean().optional(),
});
export type ResourceFormatter = z.infer<typeof resourceFormatterSchema>;

/**
 * Kazoo keys formatters by the request field they change. Any field name is kept as
 * written; the ones this platform applies are the outbound caller ID's
 * (`caller_id_number`, `caller_id_name`, or Kazoo's `outbound_caller_id_*`).
 */
export const resourceFormattersSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, { message: 'must be a field name: letters, digits, _ and -' }),
    z.union([resourceFormatterSchema, z.array(resourceFormatterSchema).min(1).max(20)]),
  )
  .refine((formatters) => Object.keys(formatters).length <= 50, 'holds at most 50 fields');

export const resourceFields = {
  name: displayNameSchema,
  gateways: z.array(resourceGatewaySchema).min(1).max(20),
  /** A number must match one; the first capture group, when there is one, is the number sent. */
  rules: z.array(regexSchema).max(50).optional(),
  /** 0 to 100, default 50: lower is tried first. */
  weight_cost: z.number().int().min(0).max(100).optional(),
  /** Default true. */
  enabled: z.boolean().optional(),
  /** A call asking for flags (outbound_flags) uses only resources that have them all. */
  flags: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
  emergency: z.boolean().optional(),
  /** When given, the caller-ID number a call presents must match one for the call to use the resource. */
  cid_rules: z.array(regexSchema).max(50).optional(),
  /** How the caller ID is rewritten for this carrier. */
  formatters: resourceFormattersSchema.optional(),
};

export const resourceScopeSchema = z.union([z.literal('system'), idSchema]);

export const resourceSchema = z.object({
  id: z.string(),
  /** `system`, or the account that owns it. */
  scope: z.string(),
  ...resourceFields,
  created: timestampSchema,
  updated: timestampSchema,
});
export type Resource = z.infer<typeof resourceSchema>;

export const resourceInputSchema = z.strictObject(resourceFields);
export type ResourceInput = z.infer<typeof resourceInputSchema>;

/** PATCH merges into the stored carrier (null removes a field); `gateways` and `rules` are replaced whole. */
export const resourcePatchSchema = patchSchemaOf(resourceFields);
export type ResourcePatch = z.infer<typeof resourcePatchSchema>;
