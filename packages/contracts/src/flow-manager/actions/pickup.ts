import { z } from 'zod';
import { featureApproval, featureTarget } from './common.js';
import { defineAction } from './define.js';

/**
 * `pickup`: takes a call at the targets' devices (FreeSWITCH's intercept application)
 * and stays with it until it ends. With `unbridged_only` (the default) only a call still
 * ringing there is taken, its caller answered by this one (Kazoo's group pickup);
 * without it a call being talked on is taken too, the device's leg dropped (Kazoo's
 * intercept). The outcome goes to `voipbin.feature.result`.
 */
export const pickupAction = defineAction({
  type: 'pickup',
  runsOn: 'media',
  description: 'Answers a call ringing (or talking) at a device, a user or a group in place of them.',
  option: z.looseObject({
    targets: z.array(featureTarget).min(1).max(100),
    unbridged_only: z.boolean().optional(),
    approved: featureApproval.optional(),
  }),
  examples: [
    { targets: [{ type: 'group', id: 'a4b1f2c00000400080000000000000b1' }] },
    { targets: [{ type: 'device', id: 'a4b1f2c00000400080000000000000d1' }], unbridged_only: false, approved: { device_id: 'a4b1f2c00000400080000000000000d2' } },
    { targets: [{ type: 'extension', id: '${capture_group}' }] },
  ],
});
