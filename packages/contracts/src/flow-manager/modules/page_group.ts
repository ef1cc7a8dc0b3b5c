import { z } from 'zod';
import { optionalInteger } from './common.js';
import { defineModule } from './define.js';

/** One member of a page group, as in a ring group: a device, a user (its devices) or a group (its members). */
const pageEndpoint = z.looseObject({
  endpoint_type: z.enum(['device', 'user', 'group']).nullable().optional(),
  id: z.string().min(1).max(128),
  delay: optionalInteger(0, 3600),
  timeout: optionalInteger(0, 3600),
  weight: optionalInteger(1, 100),
});

/**
 * Kazoo's `callflows.page_group` (cf_page_group): calls every device of its endpoints
 * (not the caller's own) at once, each asked to answer by itself, for `timeout` seconds
 * (default 5), and the caller speaks to all that answered; `audio` `two-way` lets them
 * answer back. With nobody to call the callflow goes on at `_`; otherwise it stops when
 * the page ends. `barge_calls` is accepted; phones here are not told to interrupt a call.
 */
export const pageGroupModule = defineModule({
  module: 'page_group',
  description: 'One-way audio from the caller to many devices at once, each answering by itself.',
  data: z.looseObject({
    endpoints: z.array(pageEndpoint).min(1).max(100),
    timeout: optionalInteger(1, 600),
    audio: z.enum(['one-way', 'two-way']).nullable().optional(),
    barge_calls: z.boolean().nullable().optional(),
  }),
  examples: [
    { data: { endpoints: [{ endpoint_type: 'group', id: 'a4b1f2c00000400080000000000000b1' }], timeout: 5 } },
    {
      data: {
        endpoints: [
          { endpoint_type: 'device', id: 'a4b1f2c00000400080000000000000d1' },
          { endpoint_type: 'user', id: 'a4b1f2c00000400080000000000000a1', delay: 0, timeout: 20 },
        ],
        audio: 'two-way',
        barge_calls: true,
      },
      children: { _: { module: 'hangup' } },
    },
  ],
});
