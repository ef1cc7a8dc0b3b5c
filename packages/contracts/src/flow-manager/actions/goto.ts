import { z } from 'zod';
import { actionId } from './common.js';
import { defineAction } from './define.js';

/**
 * `goto`: jumps to `target_id`. With `loop_count` it jumps that many
 * times, then falls through; without it, it always jumps (the per-activeflow execution
 * cap still bounds the loop).
 */
export const gotoAction = defineAction({
  type: 'goto',
  runsOn: 'flow',
  description: 'Jumps to target_id, optionally a bounded number of times.',
  option: z.looseObject({
    target_id: actionId,
    loop_count: z.number().int().min(0).max(1_000_000).optional(),
  }),
  examples: [{ target_id: 'menu', loop_count: 2 }],
});
