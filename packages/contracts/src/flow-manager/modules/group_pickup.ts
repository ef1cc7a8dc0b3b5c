import { z } from 'zod';
import { approvalFields, featureTargetFields } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.group_pickup` (cf_group_pickup): answers a call ringing at
 * `device_id`, else at a device of `user_id`, else at a member of `group_id`; with none
 * of them, at whoever the extension a feature code captured rings (as Kazoo's
 * `group_pickup_feature`). The caller must be approved (`approved_*`, when given). Only
 * calls not yet answered are taken; the callflow then stops.
 */
export const groupPickupModule = defineModule({
  module: 'group_pickup',
  description: 'Answers a call ringing at a device, a user, a group or a captured extension in their place.',
  data: z.looseObject({ ...approvalFields, ...featureTargetFields }),
  examples: [
    { data: { group_id: 'a4b1f2c00000400080000000000000b1' } },
    { data: { device_id: 'a4b1f2c00000400080000000000000d1', approved_user_id: 'a4b1f2c00000400080000000000000a1' } },
    { data: {} },
  ],
});
