import { z } from 'zod';
import { optionalInteger } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.resources` fields this platform reads; `offnet` shares them. */
export const resourcesData = z.looseObject({
  to_did: z.string().trim().max(64).regex(/^\+?[0-9*#]*$/, 'may hold digits, * and #, after an optional +').nullable().optional(),
  /** Default true here (resources), false for offnet. */
  use_local_resources: z.boolean().nullable().optional(),
  outbound_flags: z.array(z.string().min(1).max(64)).max(20).nullable().optional(),
  timeout: optionalInteger(0, 3600),
  ignore_early_media: z.boolean().nullable().optional(),
  ringback: z.string().max(2048).nullable().optional(),
  emit_account_id: z.boolean().nullable().optional(),
  bypass_e164: z.boolean().nullable().optional(),
  do_not_normalize: z.boolean().nullable().optional(),
  skip_module: z.boolean().nullable().optional(),
});

/**
 * Kazoo's `callflows.resources`: the dialled number (or `to_did`) out through the
 * account's carriers (or the platform's with `use_local_resources: false`), failing
 * over by weight; then, like `device`, it stops after an answered call and goes on at
 * the failure cause's child, else `_`. `hunt_account_id`, caller-ID rules and
 * formatters are not carried out.
 */
export const resourcesModule = defineModule({
  module: 'resources',
  description: "Dials the number through the account's or the platform's carriers.",
  data: resourcesData,
  examples: [{ data: {} }, { data: { to_did: '+15555550100', use_local_resources: false, timeout: 30 }, children: { _: { module: 'hangup' } } }],
});
