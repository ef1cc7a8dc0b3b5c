import { z } from 'zod';
import { defineAction } from './define.js';

export const transcribeStopAction = defineAction({
  type: 'transcribe_stop',
  runsOn: 'media',
  description: 'Stops the transcription.',
  option: z.looseObject({}),
  examples: [{}],
});
