import { z } from 'zod';

/**
 * `sleep`: waits `duration` ms. On a call, call-manager waits; in an activeflow without
 * a call (run by `execute`), flow-manager resumes it after the delay.
 */
export const sleepOption = z.looseObject({
  duration: z.number().int().min(1).max(24 * 60 * 60 * 1000),
});
