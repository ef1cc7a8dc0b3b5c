import { z } from 'zod';
import { address, durationMs } from './common.js';
import { defineAction } from './define.js';

/**
 * `connect`: dials the destinations and bridges the
 * answering one with this call through a confbridge.
 */
export const connectAction = defineAction({
  type: 'connect',
  runsOn: 'flow',
  description: 'Dials the destinations and bridges the answering one with this call.',
  option: z.looseObject({
    source: address.optional(),
    destinations: z.array(address).min(1).max(100),
    early_media: z.boolean().optional(),
    relay_reason: z.boolean().optional(),
    anonymous: z.enum(['yes', 'no', 'auto']).optional(),
    /** How long the destinations ring before they are given up (originate_timeout, whole seconds); call-manager's default when absent. */
    timeout: durationMs.min(1000).max(600_000).optional(),
  }),
  examples: [{ destinations: [{ type: 'tel', target: '+15551234567' }], early_media: true, relay_reason: true }, { destinations: [{ type: 'sip', target: 'alice@example.com' }], timeout: 20000 }],
});
