import { z } from 'zod';

/**
 * How a device or a user is rung, as Kazoo's `devices.json` / `users.json` write it.
 * Defaults are Kazoo's and are applied where the endpoint is rung, so a document keeps
 * exactly what its owner wrote.
 */
export const callForwardSchema = z.strictObject({
  /** Default false. */
  enabled: z.boolean().optional(),
  /** The number calls are forwarded to. */
  number: z.string().trim().max(35).regex(/^\+?[0-9*#]*$/, { message: 'may hold digits, * and # only, after an optional +' }).optional(),
  /** Default true: the forward replaces the endpoint; false rings both. */
  substitute: z.boolean().optional(),
  /** Default true: the forwarded party presses 1 to take the call. */
  require_keypress: z.boolean().optional(),
  /** Default true: the caller's id is kept; false shows the endpoint's. */
  keep_caller_id: z.boolean().optional(),
  /** Default false: forward only calls made to this endpoint, not to its groups. */
  direct_calls_only: z.boolean().optional(),
  /** Default false: forward only when the endpoint is offline. */
  failover: z.boolean().optional(),
  /** Default true. */
  ignore_early_media: z.boolean().optional(),
});
export type CallForward = z.infer<typeof callForwardSchema>;

export const doNotDisturbSchema = z.strictObject({ enabled: z.boolean().optional() });
export type DoNotDisturb = z.infer<typeof doNotDisturbSchema>;

const keyedDigits = z.string().trim().min(1).max(16).regex(/^[0-9]+$/, { message: 'may hold digits only' });

/**
 * Kazoo's `hotdesk` object. On a user: how the user logs in on other devices (`id` and
 * `pin` are keyed in). On a device: `users`, the users logged in there by id, whose
 * calls then ring it too.
 */
export const hotdeskSchema = z.strictObject({
  enabled: z.boolean().optional(),
  id: keyedDigits.optional(),
  pin: keyedDigits.optional(),
  /** Default false. */
  require_pin: z.boolean().optional(),
  /** Default false: logging in on one device logs the user out of the others. */
  keep_logged_in_elsewhere: z.boolean().optional(),
  users: z.record(z.string().min(1).max(128), z.strictObject({})).optional(),
});
export type Hotdesk = z.infer<typeof hotdeskSchema>;

export const presenceIdSchema = z.string().trim().min(1).max(128);

/** The fields as documents carry them (create, replace, read). */
export const callSettingsFields = {
  call_forward: callForwardSchema.optional(),
  do_not_disturb: doNotDisturbSchema.optional(),
  presence_id: presenceIdSchema.optional(),
  hotdesk: hotdeskSchema.optional(),
};

/** PATCH: an object is merged into the stored one, null removes the field (crossbar's merge). */
export const callSettingsPatchFields = {
  call_forward: callForwardSchema.nullable().optional(),
  do_not_disturb: doNotDisturbSchema.nullable().optional(),
  presence_id: presenceIdSchema.nullable().optional(),
  /** Merged as call_forward is; `users` is replaced whole. */
  hotdesk: hotdeskSchema.nullable().optional(),
};

export const callSettingsSchema = z.strictObject(callSettingsFields);
export type CallSettings = z.infer<typeof callSettingsSchema>;
