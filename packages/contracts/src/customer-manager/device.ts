import { z } from 'zod';
import { callSettingsFields, callSettingsPatchFields } from './call-settings.js';
import { displayNameSchema, idSchema, timestampSchema } from './common.js';

/**
 * A device is a SIP endpoint of the account: its SIP username is unique within the
 * account (the account's realm makes it unique platform-wide). The SIP password is
 * returned, as Kazoo does: the customer needs it to provision the phone.
 */
export const deviceTypes = ['sip_device', 'softphone', 'cellphone', 'landline', 'smartphone', 'fax', 'application'] as const;

export const sipUsernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._~+-]+$/, { message: 'may hold letters, digits and . _ ~ + - only' });

export const deviceSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  name: z.string(),
  device_type: z.enum(deviceTypes),
  enabled: z.boolean(),
  owner_id: z.string().nullable(),
  sip: z.object({ username: z.string(), password: z.string(), realm: z.string() }),
  ...callSettingsFields,
  created: timestampSchema,
  updated: timestampSchema,
});
export type Device = z.infer<typeof deviceSchema>;

const sipInputSchema = z.strictObject({
  username: sipUsernameSchema,
  /** Generated when absent. */
  password: z.string().min(6).max(128).optional(),
});

export const deviceInputSchema = z.strictObject({
  name: displayNameSchema,
  device_type: z.enum(deviceTypes).optional(),
  enabled: z.boolean().optional(),
  /** A user of the same account. */
  owner_id: idSchema.nullable().optional(),
  sip: sipInputSchema,
  ...callSettingsFields,
});
export type DeviceInput = z.infer<typeof deviceInputSchema>;

export const devicePatchSchema = z.strictObject({
  name: displayNameSchema.optional(),
  device_type: z.enum(deviceTypes).nullable().optional(),
  enabled: z.boolean().nullable().optional(),
  owner_id: idSchema.nullable().optional(),
  sip: z
    .strictObject({ username: sipUsernameSchema.optional(), password: z.string().min(6).max(128).optional() })
    .optional(),
  ...callSettingsPatchFields,
});
export type DevicePatch = z.infer<typeof devicePatchSchema>;
