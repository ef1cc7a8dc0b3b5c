import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `sleep`: waits `duration` ms. On a call, call-manager waits; in an activeflow without
 * a call (run by `execute`), flow-manager resumes it after the delay.
 */
export const sleepAction = defineAction({
  type: 'sleep',
  runsOn: 'media',
  description: 'Waits duration ms (flow-manager waits instead in a run without a call).',
  option: z.looseObject({
    duration: z.number().int().min(1).max(24 * 60 * 60 * 1000),
  }),
  examples: [{ duration: 2000 }],
});
