import { z } from 'zod';
import { optionalInteger } from './common.js';
import { defineModule } from './define.js';

/** One member of a ring group: a device, a user (all its devices) or a group (all its members). Seconds, as Kazoo writes them. */
const ringGroupEndpoint = z.looseObject({
  endpoint_type: z.enum(['device', 'user', 'group']),
  id: z.string().min(1).max(128),
  /** Default 0. */
  delay: optionalInteger(0, 3600),
  /** Default 20. */
  timeout: optionalInteger(0, 3600),
  /** With `weighted_random`, how likely the endpoint is to ring early (1 to 100). */
  weight: optionalInteger(1, 100),
});

/**
 * Kazoo's `callflows.ring_group`: rings its endpoints together (`simultaneous`, each
 * after its `delay`) or one after another (`single`), each for its `timeout`; the whole
 * group rings at most `timeout` seconds (default 20), `repeats` times (default 1).
 * Like `device`, it stops after an answered call and goes on at the failure cause's
 * child, else `_`, when nobody answered. `weighted_random` rings them in turn in an
 * order drawn for each call, an endpoint with a greater `weight` more likely earlier.
 */
export const ringGroupModule = defineModule({
  module: 'ring_group',
  description: 'Rings devices, users and groups, together or in turn, and bridges the caller to the first to answer; `_` when nobody does.',
  data: z.looseObject({
    endpoints: z.array(ringGroupEndpoint).min(1).max(100),
    strategy: z.enum(['simultaneous', 'single', 'weighted_random']).nullable().optional(),
    timeout: optionalInteger(0, 3600),
    repeats: optionalInteger(1, 20),
    ringback: z.string().max(2048).nullable().optional(),
    /** Default true: a SIP redirect from an endpoint ends its leg. */
    ignore_forward: z.boolean().nullable().optional(),
    fail_on_single_reject: z.boolean().nullable().optional(),
    skip_module: z.boolean().nullable().optional(),
  }),
  examples: [
    {
      data: {
        endpoints: [
          { endpoint_type: 'user', id: 'a4b1f2c00000400080000000000000a1', delay: 0, timeout: 20 },
          { endpoint_type: 'device', id: 'a4b1f2c00000400080000000000000d1', delay: 5, timeout: 15 },
        ],
        strategy: 'simultaneous',
        timeout: 25,
      },
    },
    {
      data: { endpoints: [{ endpoint_type: 'group', id: 'a4b1f2c00000400080000000000000b1' }], strategy: 'single', repeats: 2, ringback: '%(2000,4000,440,480)' },
      children: { _: { module: 'hangup' } },
    },
    {
      data: {
        endpoints: [
          { endpoint_type: 'device', id: 'a4b1f2c00000400080000000000000d1', weight: 80 },
          { endpoint_type: 'device', id: 'a4b1f2c00000400080000000000000d2', weight: 20 },
        ],
        strategy: 'weighted_random',
      },
    },
  ],
});
