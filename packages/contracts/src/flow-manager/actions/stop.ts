import { z } from 'zod';
import { defineAction } from './define.js';

export const stopAction = defineAction({
  type: 'stop',
  runsOn: 'flow',
  description: 'Ends the activeflow; the call gets the finish marker.',
  option: z.looseObject({}),
  examples: [{}],
});
