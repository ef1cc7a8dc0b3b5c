import { z } from 'zod';
import { optionalInteger, optionalText } from './common.js';
import { defineModule } from './define.js';

/** Kazoo's `callflows.collect_dtmf`; children other than `_` are chosen by the digits. */
export const collectDtmfModule = defineModule({
  module: 'collect_dtmf',
  description: 'Collects digits into a named collection for a later pivot.',
  data: z.looseObject({
    /** Kept in `kazoo.collected.<collection_name>`, `default` when unnamed. */
    collection_name: optionalText,
    /** How many digits to collect (1 by default). */
    max_digits: optionalInteger(1, 128),
    /** Milliseconds to wait for the digits (5000 by default). */
    timeout: optionalInteger(1, 3_600_000),
    /** The key that ends collection early (`#` by default). */
    terminator: optionalText,
  }),
  examples: [
    { data: { max_digits: 4, timeout: 8000, collection_name: 'pin' }, children: { _: { module: 'pivot', data: { voice_url: 'https://example.com/pivot' } } } },
    { data: {}, children: { '1': { module: 'play', data: { id: 'https://example.com/sales.wav' } }, _: { module: 'hangup' } } },
  ],
});
