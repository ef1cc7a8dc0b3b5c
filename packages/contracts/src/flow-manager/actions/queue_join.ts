import { z } from 'zod';

/** `queue_join` (media layer): puts the call into a queue. */
export const queueJoinOption = z.looseObject({
  queue_id: z.string().min(1).max(128),
});
