import { z } from 'zod';
import { durationMs } from './common.js';
import { defineAction } from './define.js';

/** Someone to ring, looked up when the action runs: a device, every device of a user, or every member of a group. */
export const bridgeEndpoint = z.looseObject({
  type: z.enum(['device', 'user', 'group']),
  id: z.string().min(1).max(128),
  /** How long after the others this one starts ringing. */
  delay: durationMs.optional(),
  /** How long this one rings; the action's `timeout` when absent. */
  timeout: durationMs.optional(),
  /** With `weighted_random`, how likely this endpoint is to ring before the others (1 to 100, default 1). */
  weight: z.number().int().min(1).max(100).optional(),
});

/**
 * `bridge`: rings endpoints on the media server the way Kazoo's device and user
 * modules do (FreeSWITCH's bridge application) and bridges the call with the first to
 * answer. It ends when that bridge ends, or when nobody answered; the variable
 * `voipbin.bridge.result` says which: `SUCCESS`, or the hangup cause
 * (NO_ANSWER, USER_BUSY, ...; `NO_ENDPOINTS` when nobody could be rung).
 */
export const bridgeAction = defineAction({
  type: 'bridge',
  runsOn: 'media',
  description: 'Rings devices and users (together or in turn) and bridges the call with the first to answer.',
  option: z.looseObject({
    endpoints: z.array(bridgeEndpoint).min(1).max(100),
    /**
     * simultaneous (default) rings everyone at once, single one after another;
     * weighted_random one after another in an order drawn for each call by `weight`.
     */
    strategy: z.enum(['simultaneous', 'single', 'weighted_random']).optional(),
    /** How long each endpoint rings when it has no timeout of its own; 20 s by default. */
    timeout: durationMs.optional(),
    /** Rung together, everyone stops ringing after this long (a ring group's own timeout); by default when the last endpoint gives up. */
    total_timeout: durationMs.optional(),
    /** What the caller hears while it rings: a media URL, or a FreeSWITCH tone (`%(2000,4000,440,480)`). */
    ringback: z.string().min(1).max(2048).optional(),
    /** Ring the caller's own device, or the other devices of its owner; false by default. */
    can_call_self: z.boolean().optional(),
    /** The caller hears ringing, not the endpoints' early media. */
    ignore_early_media: z.boolean().optional(),
    /** A SIP redirect (3xx) from an endpoint ends its leg instead of being followed (Kazoo's Ignore-Forward). */
    ignore_forward: z.boolean().optional(),
  }),
  examples: [
    { endpoints: [{ type: 'device', id: 'a4b1f2c00000400080000000000000d1' }] },
    { endpoints: [{ type: 'user', id: 'a4b1f2c00000400080000000000000a1', delay: 5000 }], strategy: 'single', timeout: 20000, can_call_self: true },
    {
      endpoints: [
        { type: 'group', id: 'a4b1f2c00000400080000000000000b1', timeout: 10000 },
        { type: 'device', id: 'a4b1f2c00000400080000000000000d1', delay: 5000, timeout: 15000 },
      ],
      total_timeout: 25000,
      ringback: '%(2000,4000,440,480)',
      ignore_forward: true,
    },
    {
      endpoints: [
        { type: 'device', id: 'a4b1f2c00000400080000000000000d1', weight: 80 },
        { type: 'device', id: 'a4b1f2c00000400080000000000000d2', weight: 20 },
      ],
      strategy: 'weighted_random',
    },
  ],
});
