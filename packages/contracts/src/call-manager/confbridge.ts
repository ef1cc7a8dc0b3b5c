import { z } from 'zod';

/**
 * A confbridge joins calls. A `connect` confbridge is what flow-manager's connect makes:
 * the caller and the first leg to answer are bridged, and when one of the two leaves the
 * other is let go to its next action. A `conference` confbridge is a FreeSWITCH
 * conference that calls join and leave freely.
 */
export const confbridgeTypes = ['connect', 'conference'] as const;
export const confbridgeStatuses = ['progressing', 'terminated'] as const;

export const confbridgeSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  type: z.enum(confbridgeTypes),
  status: z.enum(confbridgeStatuses),
  activeflow_id: z.string(),
  /** The call it was made for (connect's caller). */
  reference_id: z.string(),
  /** The calls in it now. */
  call_ids: z.array(z.string()),
  tm_create: z.string(),
  tm_update: z.string().nullable(),
  tm_delete: z.string().nullable(),
});
export type Confbridge = z.infer<typeof confbridgeSchema>;

export const createConfbridgeBodySchema = z.looseObject({
  account_id: z.string().max(64).optional(),
  activeflow_id: z.string().max(128).optional(),
  reference_id: z.string().max(128).optional(),
  type: z.enum(confbridgeTypes).optional(),
});
