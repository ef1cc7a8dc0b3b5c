import { z } from 'zod';
import { defineAction } from './define.js';

export const beepAction = defineAction({
  type: 'beep',
  runsOn: 'media',
  description: 'Plays a short tone, usually before a recording.',
  option: z.looseObject({}),
  examples: [{}],
});
