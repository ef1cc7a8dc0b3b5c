import { z } from 'zod';

/** `amd` (call-manager): answering-machine detection. */
export const amdOption = z.looseObject({
  machine_handle: z.enum(['hangup', 'continue']).optional(),
  async: z.boolean().optional(),
});
