import { z } from 'zod';
import { address } from './common.js';

/**
 * `connect` (flow-manager, through call-manager): dials the destinations and bridges the
 * answering one with this call through a confbridge.
 */
export const connectOption = z.looseObject({
  source: address.optional(),
  destinations: z.array(address).min(1).max(100),
  early_media: z.boolean().optional(),
  relay_reason: z.boolean().optional(),
  anonymous: z.enum(['yes', 'no', 'auto']).optional(),
});
