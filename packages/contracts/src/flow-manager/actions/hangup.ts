import { z } from 'zod';
import { defineAction } from './define.js';

export const hangupAction = defineAction({
  type: 'hangup',
  runsOn: 'media',
  description: 'Hangs the call up.',
  option: z.looseObject({
    reason: z.string().max(64).optional(),
    reference_id: z.string().max(128).optional(),
  }),
  examples: [{}, { reason: 'busy' }],
});
