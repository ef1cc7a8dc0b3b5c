import { z } from 'zod';
import { defineAction } from './define.js';

export const recordingStopAction = defineAction({
  type: 'recording_stop',
  runsOn: 'media',
  description: "Stops the call's recording.",
  option: z.looseObject({}),
  examples: [{}],
});
