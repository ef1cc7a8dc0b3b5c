import { z } from 'zod';
import { durationMs } from './common.js';
import { defineAction } from './define.js';

export const echoAction = defineAction({
  type: 'echo',
  runsOn: 'media',
  description: "Echoes the caller's audio back.",
  option: z.looseObject({
    duration: durationMs.optional(),
  }),
  examples: [{ duration: 10000 }],
});
