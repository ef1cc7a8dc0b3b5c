import { z } from 'zod';

/**
 * Pieces shared by the option schemas. Options are loose objects: the fields we know are
 * validated, anything else is kept as written (the seed's `action_version`, fields a
 * newer call-manager reads), so a flow round-trips unchanged.
 */
export const actionId = z.string().min(1).max(128);

/** Milliseconds, as voipbin's options count them. */
export const durationMs = z.number().int().min(0).max(24 * 60 * 60 * 1000);

/** A callee or caller, in voipbin's address shape. */
export const address = z.looseObject({
  type: z.string().min(1).max(32),
  target: z.string().min(1).max(255),
  target_name: z.string().max(255).optional(),
  name: z.string().max(255).optional(),
  detail: z.string().max(1024).optional(),
});

export const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http:// or https:// URL');

/** The operators of the condition actions. */
export const comparison = z.enum(['==', '!=', '>', '>=', '<', '<=']);

/**
 * A device, a user (its devices) or a group (its members) a feature looks for calls at;
 * or an `extension`: whoever the account's callflow of that number rings (a feature
 * code's captured number, `${capture_group}`; empty reaches nobody).
 */
export const featureTarget = z.looseObject({
  type: z.enum(['device', 'user', 'group', 'extension']),
  id: z.string().max(128),
});

/**
 * Who may use a feature (Kazoo's `approved_device_id`, `approved_user_id`,
 * `approved_group_id`): the calling device, a device of the user, or a member of the
 * group. Left out, anyone may.
 */
export const featureApproval = z.looseObject({
  device_id: z.string().min(1).max(128).optional(),
  user_id: z.string().min(1).max(128).optional(),
  group_id: z.string().min(1).max(128).optional(),
});
