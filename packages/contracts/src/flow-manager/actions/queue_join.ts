import { z } from 'zod';
import { defineAction } from './define.js';

export const queueJoinAction = defineAction({
  type: 'queue_join',
  runsOn: 'media',
  description: 'Puts the call into a queue.',
  option: z.looseObject({
    queue_id: z.string().min(1).max(128),
  }),
  examples: [{ queue_id: 'support' }],
});
