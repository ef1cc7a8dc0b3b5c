import { z } from 'zod';
import { optionalText } from './common.js';
import { defineMetaflowModule } from './define.js';

export const sayTypes = [
  'account_number', 'currency', 'current_date', 'current_date_time', 'current_time', 'email_address', 'ip_address', 'items', 'messages',
  'name_phonetic', 'name_spelled', 'number', 'persons', 'postal_address', 'short_date_time', 'telephone_extension', 'telephone_number',
  'time_measurement', 'url',
] as const;

/** Kazoo's konami `say` (applications/konami/doc/say.md). */
export const sayMetaflow = defineMetaflowModule({
  module: 'say',
  description: 'Says text as a type (number, date, currency…), pronounced, iterated or counted.',
  data: z.looseObject({
    text: z.string().max(1024).optional(),
    type: z.enum(sayTypes).optional(),
    method: z.enum(['pronounced', 'iterated', 'counted']).optional(),
    gender: z.enum(['feminine', 'masculine', 'neuter']).optional(),
    language: optionalText,
  }),
  examples: [{ data: { text: '1234', type: 'number', method: 'iterated' } }, { data: { type: 'current_time' } }],
});
