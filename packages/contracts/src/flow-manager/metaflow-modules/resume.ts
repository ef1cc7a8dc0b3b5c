import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `resume` (applications/konami/doc/resume.md). */
export const resumeMetaflow = defineMetaflowModule({
  module: 'resume',
  description: 'Reconnects the leg with the other party it held or was transferring.',
  data: z.looseObject({}),
  examples: [{ data: {} }],
});
