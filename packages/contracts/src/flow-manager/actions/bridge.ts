import { z } from 'zod';
import { durationMs } from './common.js';
import { defineAction } from './define.js';

const DIALLED_NUMBER = /^\+?[0-9*#]{1,32}$/;
const SIP_ADDRESS = /^(sips?:)?[A-Za-z0-9._~%+*#=-]+@[A-Za-z0-9.-]+(:[0-9]{1,5})?(;[A-Za-z0-9._=-]+)*$/;

/**
 * Someone to ring, looked up when the action runs: a device, every device of a user, or
 * every member of a group, by id; a `number` dialled through the carrier gateway, a `sip`
 * address (`user@host`), or a `client` (the account's device with that SIP username), by
 * what `id` says. The last three are how TwiML's `<Dial>` nouns ring, as Kazoo's
 * translator makes endpoints of them. A `hotdesk` is only the devices the user `id` is
 * logged in on by hotdesk, while the user's hotdesk is enabled (cf_hotdesk's bridge).
 */
export const bridgeEndpoint = z
  .looseObject({
    type: z.enum(['device', 'user', 'group', 'number', 'sip', 'client', 'hotdesk']),
    id: z.string().min(1).max(256),
    /** How long after the others this one starts ringing. */
    delay: durationMs.optional(),
    /** How long this one rings; the action's `timeout` when absent. */
    timeout: durationMs.optional(),
    /** With `weighted_random`, how likely this endpoint is to ring before the others (1 to 100, default 1). */
    weight: z.number().int().min(1).max(100).optional(),
  })
  // A number or address goes into the dial string as written: nothing that splits it (`,` `|`) or opens variables (`[` `{`).
  .refine((endpoint) => endpoint.type !== 'number' || DIALLED_NUMBER.test(endpoint.id), { path: ['id'], message: 'a number holds digits, * and #, after an optional +' })
  .refine((endpoint) => endpoint.type !== 'sip' || SIP_ADDRESS.test(endpoint.id), { path: ['id'], message: 'a SIP address is user@host[:port][;params], without spaces, quotes, brackets, braces, commas or |' });

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
    /** The caller id the rung legs see (origination_caller_id_*); the caller's own by default. */
    caller_id_number: z.string().trim().min(1).max(64).regex(/^[^\s'"{}[\],|]+$/, 'may not hold spaces, quotes, brackets, braces, commas or |').optional(),
    caller_id_name: z.string().trim().min(1).max(128).optional(),
    /**
     * The caller id a flow set (set_cid, dynamic_cid, check_cid) and the prefixes
     * prepend_cid put in front, read when the action runs; empty parts are unset. When
     * any part is set, the legs see it over the caller's own (`caller_id_number`/`_name` win).
     */
    caller_id: z
      .strictObject({
        // Flow variables, unbounded there: room enough here, cut short when presented.
        number: z.string().max(1024).optional(),
        name: z.string().max(1024).optional(),
        number_prefix: z.string().max(1024).optional(),
        name_prefix: z.string().max(1024).optional(),
      })
      .optional(),
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
    { endpoints: [{ type: 'number', id: '+15552223333' }, { type: 'sip', id: 'alice@example.com' }, { type: 'client', id: 'bob' }], timeout: 15000, caller_id_number: '+15550001111' },
    {
      endpoints: [
        { type: 'device', id: 'a4b1f2c00000400080000000000000d1', weight: 80 },
        { type: 'device', id: 'a4b1f2c00000400080000000000000d2', weight: 20 },
      ],
      strategy: 'weighted_random',
    },
    { endpoints: [{ type: 'device', id: 'a4b1f2c00000400080000000000000d1' }], caller_id: { number: '+15555550199', name: 'Front Desk', number_prefix: '', name_prefix: 'VIP ' } },
  ],
});
