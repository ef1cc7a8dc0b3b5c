import { z } from 'zod';

export { httpUrl } from '../actions/common.js';

/**
 * Kazoo's data fields as its callflow schemas type them. Kazoo treats an empty string or
 * null as a field left out, and so does the compiler, so the optional fields allow both.
 */
export const optionalText = z.string().max(1024).nullable().optional();

/** A whole number of `unit`s; Kazoo's UI writes some as numeric strings, which are read too. */
export function optionalInteger(min: number, max: number) {
  return z
    .union([z.number().int().min(min).max(max), z.string().regex(/^\s*\d+\s*$/, 'must be a whole number')])
    .nullable()
    .optional();
}

/**
 * The fields Kazoo's `callflows.device` and `callflows.user` share: seconds, as Kazoo
 * writes them. `timeout` defaults to 20 s (cf_device's and cf_user's default).
 */
export const ringingFields = {
  id: z.string().min(1).max(128),
  timeout: optionalInteger(0, 3600),
  delay: optionalInteger(0, 3600),
  can_call_self: z.boolean().nullable().optional(),
  /** Read by Kazoo's endpoint builder too; kept as written. */
  custom_sip_headers: z.record(z.string(), z.unknown()).nullable().optional(),
  static_invite: z.string().max(256).nullable().optional(),
  suppress_clid: z.boolean().nullable().optional(),
  skip_module: z.boolean().nullable().optional(),
};

export const ringStrategy = z.enum(['simultaneous', 'single']).nullable().optional();

const kazooId = z.string().max(128).nullable().optional();

/**
 * Who may use a call feature (eavesdrop, group_pickup, intercept): the calling device
 * must be `approved_device_id`, or a device of `approved_user_id`, or a member of
 * `approved_group_id`; none given, anyone may. Empty means left out, as Kazoo reads them.
 */
export const approvalFields = {
  approved_device_id: kazooId,
  approved_user_id: kazooId,
  approved_group_id: kazooId,
};

/** The device, user or group whose calls a feature looks at; the first given of device, user, group wins. */
export const featureTargetFields = {
  device_id: kazooId,
  user_id: kazooId,
  group_id: kazooId,
};
