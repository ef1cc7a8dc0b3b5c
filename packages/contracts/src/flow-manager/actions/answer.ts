import { z } from 'zod';
import { defineAction } from './define.js';

export const answerAction = defineAction({
  type: 'answer',
  runsOn: 'media',
  description: 'Answers the call.',
  option: z.looseObject({}),
  examples: [{}],
});
