import { z } from 'zod';
import { defineModule } from './define.js';

/** Kazoo's `callflows.callflow`: the callflow to branch into, by id. */
export const callflowModule = defineModule({
  module: 'callflow',
  description: 'Branches into another callflow, then comes back to the `_` child.',
  data: z.looseObject({
    id: z.string().min(1).max(128),
  }),
  examples: [{ data: { id: 'a4b1f2c0-0000-4000-8000-000000000002' }, children: { _: { module: 'hangup' } } }],
});
