import { z } from 'zod';
import { approvalFields, featureTargetFields } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.intercept` (cf_intercept): takes a call of `device_id`, else of a
 * device of `user_id`, else of a member of `group_id` (else of the extension a feature
 * code captured), ringing or talking: a ringing call's caller is answered by this one, a
 * talking device's party is taken from the device. The caller must be approved
 * (`approved_*`, when given); the callflow then stops.
 */
export const interceptModule = defineModule({
  module: 'intercept',
  description: 'Takes a call ringing or talking at a device, a user, a group or a captured extension.',
  data: z.looseObject({ ...approvalFields, ...featureTargetFields }),
  examples: [
    { data: { device_id: 'a4b1f2c00000400080000000000000d1' } },
    { data: { user_id: 'a4b1f2c00000400080000000000000a1', approved_group_id: 'a4b1f2c00000400080000000000000b1' } },
  ],
});
