import { z } from 'zod';
import { optionalInteger } from './common.js';
import { defineModule } from './define.js';

/**
 * An IVR menu, given inline (Kazoo's `callflows.menu` points at a stored menu document
 * by `id`; its fields are those of that document). Children are keyed by the digits
 * that choose them, plus `max_retries`, `timeout` and `_`.
 */
export const menuModule = defineModule({
  module: 'menu',
  description: 'Plays a greeting, collects digits and goes to the child with those digits.',
  data: z.looseObject({
    /** How many tries in all (3 by default). */
    retries: optionalInteger(1, 100),
    /** Milliseconds to wait for the digits (10000 by default). */
    timeout: optionalInteger(1, 3_600_000),
    /** The most digits a choice has (4 by default). */
    max_extension_length: optionalInteger(1, 128),
    media: z
      .looseObject({
        greeting: z.string().max(2048).optional(),
        invalid_media: z.string().max(2048).optional(),
      })
      .nullable()
      .optional(),
  }),
  examples: [
    {
      data: { retries: 3, timeout: 5000, max_extension_length: 1, media: { greeting: 'https://example.com/menu.wav', invalid_media: 'https://example.com/invalid.wav' } },
      children: {
        '1': { module: 'tts', data: { text: 'Sales.' } },
        '2': { module: 'tts', data: { text: 'Support.' } },
        max_retries: { module: 'hangup' },
      },
    },
  ],
});
