import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `hangup` (applications/konami/doc/hangup.md). */
export const hangupMetaflow = defineMetaflowModule({
  module: 'hangup',
  description: 'Hangs up the leg that pressed the digits.',
  data: z.looseObject({}),
  examples: [{ data: {} }],
});
