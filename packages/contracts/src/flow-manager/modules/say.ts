import { z } from 'zod';
import { optionalText } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.say`: `method: pronounced` reads it as a whole, anything else one character at a time. */
export const sayModule = defineModule({
  module: 'say',
  description: 'Reads a number, digits or letters out.',
  data: z.looseObject({
    say: z.string().min(1).max(1024),
    method: optionalText,
    language: optionalText,
  }),
  examples: [{ data: { say: '1234' } }, { data: { say: 'hello', method: 'pronounced', language: 'en-US' } }],
});
