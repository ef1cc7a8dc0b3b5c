import { z } from 'zod';
import { defineModule } from './define.js';

export const answerModule = defineModule({
  module: 'answer',
  description: 'Answers the call.',
  data: z.looseObject({}),
  examples: [{ data: {}, children: { _: { module: 'tts', data: { text: 'Hello.' } } } }],
});
