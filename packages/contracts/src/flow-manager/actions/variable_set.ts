import { z } from 'zod';
import { defineAction } from './define.js';

export const variableSetAction = defineAction({
  type: 'variable_set',
  runsOn: 'flow',
  description: 'Sets a variable; ${...} in the value is substituted.',
  option: z.looseObject({
    key: z.string().min(1).max(255),
    value: z.union([z.string().max(32768), z.number(), z.boolean()]).transform(String),
  }),
  examples: [{ key: 'customer.tier', value: 'gold' }, { key: 'attempts', value: 3 }],
});
