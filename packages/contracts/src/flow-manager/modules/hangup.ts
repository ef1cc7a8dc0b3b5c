import { z } from 'zod';
import { defineModule } from './define.js';

export const hangupModule = defineModule({
  module: 'hangup',
  description: 'Hangs the call up.',
  data: z.looseObject({}),
  examples: [{ data: {} }],
});
