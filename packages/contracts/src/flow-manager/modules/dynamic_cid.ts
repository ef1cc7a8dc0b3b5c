import { z } from 'zod';
import { regexPattern } from '../actions/condition_regex.js';
import { optionalInteger, optionalText } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.dynamic_cid`. `manual` (the default) asks the caller to key in the
 * number the call then presents; `static` sets `caller_id`. `list` and `lists` look the
 * caller id up in a stored list by a prefix of the dialled feature code.
 */
export const dynamicCidModule = defineModule({
  module: 'dynamic_cid',
  description: 'Lets the caller key in the caller id number the call presents from now on.',
  data: z.looseObject({
    action: z.enum(['manual', 'static', 'list', 'lists']).nullable().optional(),
    caller_id: z.looseObject({ name: optionalText, number: optionalText }).nullable().optional(),
    /** The prompt played before collecting (a media id or URL). */
    media_id: optionalText,
    /** Most and fewest digits of the number (10 and 10 by default, as Kazoo's system config). */
    max_digits: optionalInteger(1, 32),
    min_digits: optionalInteger(1, 32),
    /** What the keyed-in number must match (`\d+` by default). */
    whitelist_regex: regexPattern.nullable().optional(),
    /** Milliseconds allowed between two keys (2000 by default). */
    interdigit_timeout: optionalInteger(1, 60_000),
    /** The stored list (`list`), and the named capture group holding its key. */
    id: optionalText,
    idx_name: optionalText,
    enforce_call_restriction: z.boolean().nullable().optional(),
  }),
  examples: [
    { data: { action: 'manual', media_id: 'https://example.com/enter-cid.wav', max_digits: 10, min_digits: 10, whitelist_regex: '^\\d+$' }, children: { _: { module: 'pivot', data: { voice_url: 'https://example.com/pivot' } } } },
    { data: { action: 'static', caller_id: { name: 'Support', number: '+15550001111' } } },
    { data: { action: 'list', id: '3a6f1c2b9d8e4f5a6b7c8d9e0f1a2b3c' } },
    { data: { action: 'list', id: '3a6f1c2b9d8e4f5a6b7c8d9e0f1a2b3c', idx_name: 'cid' } },
    { data: { action: 'lists', id: '3a6f1c2b9d8e4f5a6b7c8d9e0f1a2b3c' } },
  ],
});
