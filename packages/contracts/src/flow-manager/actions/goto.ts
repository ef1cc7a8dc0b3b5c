import { z } from 'zod';
import { actionId } from './common.js';

/**
 * `goto` (flow-manager): jumps to `target_id`. With `loop_count` it jumps that many
 * times, then falls through; without it, it always jumps (the per-activeflow execution
 * cap still bounds the loop).
 */
export const gotoOption = z.looseObject({
  target_id: actionId,
  loop_count: z.number().int().min(0).max(1_000_000).optional(),
});
