import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `break` (applications/konami/doc/break.md). */
export const breakMetaflow = defineMetaflowModule({
  module: 'break',
  description: 'Stops the media playing to the leg that pressed the digits.',
  data: z.looseObject({}),
  examples: [{ data: {} }],
});
