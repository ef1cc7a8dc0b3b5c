import { z } from 'zod';

/** `variable_set` (flow-manager): sets a variable; `${...}` in the value is substituted. */
export const variableSetOption = z.looseObject({
  key: z.string().min(1).max(255),
  value: z.union([z.string().max(32768), z.number(), z.boolean()]).transform(String),
});
