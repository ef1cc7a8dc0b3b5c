import { z } from 'zod';
import { defineAction } from './define.js';

export const externalMediaStopAction = defineAction({
  type: 'external_media_stop',
  runsOn: 'media',
  description: 'Stops the external media stream.',
  option: z.looseObject({}),
  examples: [{}],
});
