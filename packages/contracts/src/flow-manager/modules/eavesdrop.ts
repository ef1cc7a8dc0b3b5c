import { z } from 'zod';
import { approvalFields, featureTargetFields } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.eavesdrop` (cf_eavesdrop): listens to a call of `device_id`, else of
 * any device of `user_id`; with neither, of the extension a feature code captured (as
 * Kazoo's `eavesdrop_feature`). The caller must be approved (`approved_*`; with none
 * given nobody is); the callflow then stops. `mode` (listen, whisper, full) is this
 * platform's addition: how it starts, the caller's keys changing it as FreeSWITCH's
 * eavesdrop does.
 */
export const eavesdropModule = defineModule({
  module: 'eavesdrop',
  description: "Listens to a call of a device, of a user's devices or of a captured extension; keys switch to whispering.",
  data: z.looseObject({
    ...approvalFields,
    device_id: featureTargetFields.device_id,
    user_id: featureTargetFields.user_id,
    mode: z.enum(['listen', 'whisper', 'full']).nullable().optional(),
  }),
  examples: [
    { data: { device_id: 'a4b1f2c00000400080000000000000d1', approved_group_id: 'a4b1f2c00000400080000000000000b1' } },
    { data: { user_id: 'a4b1f2c00000400080000000000000a1', approved_device_id: 'a4b1f2c00000400080000000000000d2', mode: 'whisper' } },
    { data: { approved_user_id: 'a4b1f2c00000400080000000000000a2' } },
  ],
});
