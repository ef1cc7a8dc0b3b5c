import { z } from 'zod';
import { durationMs } from './common.js';
import { defineAction } from './define.js';

export const streamEchoAction = defineAction({
  type: 'stream_echo',
  runsOn: 'media',
  description: 'Echoes the media stream back.',
  option: z.looseObject({
    duration: durationMs.optional(),
  }),
  examples: [{ duration: 5000 }],
});
