import { z } from 'zod';
import { defineAction } from './define.js';

export const amdAction = defineAction({
  type: 'amd',
  runsOn: 'media',
  description: 'Answering-machine detection.',
  option: z.looseObject({
    machine_handle: z.enum(['hangup', 'continue']).optional(),
    async: z.boolean().optional(),
  }),
  examples: [{}, { machine_handle: 'hangup', async: true }],
});
