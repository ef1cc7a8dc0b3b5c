import { z } from 'zod';
import { regexPattern } from '../actions/condition_regex.js';
import { optionalText } from './common.js';
import { defineModule } from './define.js';

/**
 * Kazoo's `callflows.check_cid`: the caller id number is tested against `regex` (`.*` by
 * default); a match goes to the `match` child, else to `nomatch`, and either missing
 * goes on to `_`. With `use_absolute_mode` a matching caller goes to the child keyed by
 * its number. `caller_id.external` is presented from then on when the call takes a
 * match branch.
 */
export const checkCidModule = defineModule({
  module: 'check_cid',
  description: 'Routes the call by its caller id: a regex to match/nomatch, or the number itself.',
  data: z.looseObject({
    regex: regexPattern.nullable().optional(),
    use_absolute_mode: z.boolean().nullable().optional(),
    caller_id: z
      .looseObject({ external: z.looseObject({ name: optionalText, number: optionalText }).nullable().optional() })
      .nullable()
      .optional(),
    user_id: optionalText,
  }),
  examples: [
    {
      data: { regex: '^\\+15558881111', caller_id: { external: { name: 'Joseph', number: '+15558881122' } } },
      children: { match: { module: 'tts', data: { text: 'Welcome back.' } }, nomatch: { module: 'hangup' } },
    },
    {
      data: { use_absolute_mode: true },
      children: { '+15558881111': { module: 'tts', data: { text: 'Hello Joseph.' } }, _: { module: 'hangup' } },
    },
  ],
});
