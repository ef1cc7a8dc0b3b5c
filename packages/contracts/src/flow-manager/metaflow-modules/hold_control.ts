import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `hold_control` (applications/konami/doc/hold_control.md). */
export const holdControlMetaflow = defineMetaflowModule({
  module: 'hold_control',
  description: 'Holds, unholds or toggles the hold of the call (default toggle).',
  data: z.looseObject({ action: z.enum(['hold', 'unhold', 'toggle']).optional() }),
  examples: [{ data: { action: 'toggle' } }],
});
