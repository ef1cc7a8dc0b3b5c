import { z } from 'zod';
import { hookTypes, legacyHookTypes } from './hooks.js';

/**
 * A webhook as Kazoo documents it (reference/kazoo.md §3): one account's request to be
 * told about one kind of event at one URI. Defaults follow Kazoo's schema; `retries`
 * is the total number of attempts, as Kazoo's code treats it.
 */
export const httpVerbs = ['get', 'post', 'put'] as const;
export const webhookFormats = ['form-data', 'json'] as const;

export const MAX_RETRIES = 5;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const httpUriSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .refine(isHttpUrl, { message: 'must be an absolute http:// or https:// URL' });

const lowerCased = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const upperCased = (value: unknown) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
/** Kazoo migrates the legacy hook values to `notifications`; so do we, on the way in. */
const migratedHook = (value: unknown) =>
  typeof value === 'string' && (legacyHookTypes as readonly string[]).includes(value) ? 'notifications' : value;

const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);
/** Modifiers filter events: a key absent from the event passes, a list means "one of", a scalar means "equal to". */
export const modifiersSchema = z.record(z.string().min(1), z.union([scalarSchema, z.array(scalarSchema)]));
/** Merged into every payload, overwriting the event's own keys. */
export const customDataSchema = z.record(z.string().min(1), scalarSchema);

const fields = {
  name: z.string().trim().min(1).max(128),
  uri: httpUriSchema,
  http_verb: z.preprocess(lowerCased, z.enum(httpVerbs)),
  hook: z.preprocess(migratedHook, z.enum(hookTypes)),
  retries: z.number().int().min(0).max(MAX_RETRIES),
  custom_data: customDataSchema,
  include_subaccounts: z.boolean(),
  include_internal_legs: z.boolean(),
  enabled: z.boolean(),
  format: z.preprocess(lowerCased, z.enum(webhookFormats)),
  modifiers: modifiersSchema,
  /** Kazoo keeps successful attempts only when asked (`log_successful_attempts`); here a hook asks for itself. */
  log_successful_attempts: z.boolean(),
};

export const webhookDefaults = {
  http_verb: 'post',
  retries: 2,
  custom_data: {},
  include_subaccounts: false,
  include_internal_legs: true,
  enabled: true,
  format: 'form-data',
  modifiers: {},
  log_successful_attempts: false,
} as const;

/** What create (PUT on the collection in crossbar) and replace (POST on the item) take. */
export const webhookInputSchema = z.object({
  name: fields.name,
  uri: fields.uri,
  hook: fields.hook,
  http_verb: fields.http_verb.default(webhookDefaults.http_verb),
  retries: fields.retries.default(webhookDefaults.retries),
  custom_data: fields.custom_data.default({}),
  include_subaccounts: fields.include_subaccounts.default(webhookDefaults.include_subaccounts),
  include_internal_legs: fields.include_internal_legs.default(webhookDefaults.include_internal_legs),
  enabled: fields.enabled.default(webhookDefaults.enabled),
  format: fields.format.default(webhookDefaults.format),
  modifiers: fields.modifiers.default({}),
  log_successful_attempts: fields.log_successful_attempts.default(webhookDefaults.log_successful_attempts),
});
export type WebhookInput = z.input<typeof webhookInputSchema>;
export type WebhookFields = z.output<typeof webhookInputSchema>;

/** PATCH merges; `null` removes a key (back to its default), as crossbar's PATCH does. */
export const webhookPatchSchema = z.object({
  name: fields.name.optional(),
  uri: fields.uri.optional(),
  hook: fields.hook.optional(),
  http_verb: fields.http_verb.nullable().optional(),
  retries: fields.retries.nullable().optional(),
  custom_data: fields.custom_data.nullable().optional(),
  include_subaccounts: fields.include_subaccounts.nullable().optional(),
  include_internal_legs: fields.include_internal_legs.nullable().optional(),
  enabled: fields.enabled.nullable().optional(),
  format: fields.format.nullable().optional(),
  modifiers: fields.modifiers.nullable().optional(),
  log_successful_attempts: fields.log_successful_attempts.nullable().optional(),
});
export type WebhookPatch = z.input<typeof webhookPatchSchema>;

export const webhookSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  name: z.string(),
  uri: z.string(),
  hook: z.enum(hookTypes),
  http_verb: z.enum(httpVerbs),
  retries: z.number().int(),
  custom_data: customDataSchema,
  include_subaccounts: z.boolean(),
  include_internal_legs: z.boolean(),
  enabled: z.boolean(),
  format: z.enum(webhookFormats),
  modifiers: modifiersSchema,
  log_successful_attempts: z.boolean(),
  disable_reason: z.string().nullable().describe('Set when the disabler turned the hook off; cleared when it is saved with `enabled: true`.'),
  disabled_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Webhook = z.infer<typeof webhookSchema>;

/** Kazoo's bulk re-enable: `{"re-enable": true}` turns back on the hooks the disabler turned off, and only those. */
export const reenableSchema = z.object({
  're-enable': z.literal(true),
  /** Also the hooks of every descendant account (crossbar's `/descendants/webhooks`). */
  descendants: z.boolean().default(false),
});

/** Per-account disabler settings; `null` puts a value back to the platform default. */
export const webhookSettingsPatchSchema = z.object({
  attempt_failure_count: z.number().int().min(1).max(1000).nullable().optional(),
  attempt_failure_expiry_ms: z.number().int().min(1000).max(86_400_000).nullable().optional(),
  disable_disabler: z.boolean().nullable().optional(),
});

export const webhookSettingsSchema = z.object({
  account_id: z.string(),
  /** voipbin's account-level destination (owned by customer-manager; shown read-only). */
  webhook_uri: z.string().nullable(),
  webhook_method: z.string().nullable(),
  /** The secret that signs every request for this account. */
  webhook_secret: z.string(),
  attempt_failure_count: z.number().int(),
  attempt_failure_expiry_ms: z.number().int(),
  disable_disabler: z.boolean(),
});
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

export const destinationMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The `webhook_send` flow action's request: send `data` to `uri` on behalf of the account. */
export const destinationInputSchema = z.object({
  account_id: z.string().trim().min(1).max(64),
  uri: httpUriSchema,
  method: z.preprocess(upperCased, z.enum(destinationMethods)).default('POST'),
  data_type: z.string().trim().min(1).max(128).default('application/json'),
  data: z.unknown().optional(),
});
export type DestinationInput = z.input<typeof destinationInputSchema>;

export const queuedDeliverySchema = z.object({
  /** The delivery, as the attempts log names it. */
  id: z.string(),
  /** Sent as `X-Event-ID`, so the receiver can drop a duplicate. */
  event_id: z.string(),
  state: z.literal('queued'),
});

export const pageQuerySchema = z.object({
  page_size: z.coerce.number().int().min(1).max(100).default(50),
  page_token: z.string().max(512).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ result: z.array(item), next_page_token: z.string().optional() });
}
