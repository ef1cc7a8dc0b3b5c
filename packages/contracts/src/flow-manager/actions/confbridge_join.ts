import { z } from 'zod';
import { defineAction } from './define.js';

export const confbridgeJoinAction = defineAction({
  type: 'confbridge_join',
  runsOn: 'media',
  description: 'Puts the call into a confbridge.',
  option: z.looseObject({
    confbridge_id: z.string().min(1).max(128),
  }),
  examples: [{ confbridge_id: 'cb-1' }],
});
