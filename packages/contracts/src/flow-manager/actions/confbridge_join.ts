import { z } from 'zod';

/** `confbridge_join` (call-manager): puts the call into a confbridge. */
export const confbridgeJoinOption = z.looseObject({
  confbridge_id: z.string().min(1).max(128),
});
