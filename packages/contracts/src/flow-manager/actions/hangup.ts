import { z } from 'zod';

/** `hangup` (call-manager): hangs the call up. */
export const hangupOption = z.looseObject({
  reason: z.string().max(64).optional(),
  reference_id: z.string().max(128).optional(),
});
