import { z } from 'zod';
import { durationMs } from './common.js';
import { defineAction } from './define.js';

/**
 * `carrier_bridge`: dials a number through carriers (Kazoo's resources / offnet):
 * the account's own (`use_local_resources`, default) or the platform's, those whose
 * `rules` match the number and that carry every `outbound_flags` flag, by weight_cost,
 * each gateway in turn until one answers (FreeSWITCH's `|` failover). The number is
 * `to_did` when given, else the dialled one, made E.164 unless `bypass_e164`.
 * `voipbin.bridge.result` is `SUCCESS`, the last cause, or `NO_RESOURCES`. Each carrier
 * is sent the caller ID the flow set (`caller_id`, prefixes in front; else the call's
 * own) through the carrier's formatters.
 */
export const carrierBridgeAction = defineAction({
  type: 'carrier_bridge',
  runsOn: 'media',
  description: "Dials a number through the account's or the platform's carriers, failing over from one to the next.",
  option: z.looseObject({
    /** A number, or one `${variable}` holding it (a number the caller keyed in). */
    to_did: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/^(\+?[0-9*#]{1,64}|\$\{[A-Za-z0-9_.-]{1,200}\})$/, 'may hold digits, * and #, after an optional +, or be one ${variable}')
      .optional(),
    use_local_resources: z.boolean().optional(),
    outbound_flags: z.array(z.string().min(1).max(64)).max(20).optional(),
    /** How long each carrier rings before the next is tried; the switch's default when absent. */
    timeout: durationMs.optional(),
    ignore_early_media: z.boolean().optional(),
    ringback: z.string().min(1).max(2048).optional(),
    /** Sends the account id to the carrier (`X-Account-ID`). */
    emit_account_id: z.boolean().optional(),
    bypass_e164: z.boolean().optional(),
    /** The caller ID a flow set; an empty or absent number or name leaves the call's own. */
    caller_id: z
      .strictObject({
        number: z.string().max(128).optional(),
        name: z.string().max(128).optional(),
        number_prefix: z.string().max(64).optional(),
        name_prefix: z.string().max(64).optional(),
      })
      .optional(),
  }),
  examples: [
    {},
    { to_did: '+15555550100', use_local_resources: false, outbound_flags: ['fax'], timeout: 30000, emit_account_id: true },
    { caller_id: { number: '+15555550199', name: 'Front Desk', number_prefix: '', name_prefix: 'VIP ' } },
  ],
});
