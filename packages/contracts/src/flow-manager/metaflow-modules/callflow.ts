import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

/** Kazoo's konami `callflow` (applications/konami/doc/callflow.md). */
export const callflowMetaflow = defineMetaflowModule({
  module: 'callflow',
  description: "Runs a callflow on the call: the one of `id`, else the account's callflow of the captured (or collected) number.",
  data: z.looseObject({ id: z.string().min(1).max(128).optional() }),
  examples: [{ data: {} }, { data: { id: 'callflow_id' } }],
});
