import { z } from 'zod';
import { bridgeEndpoint } from './bridge.js';
import { durationMs } from './common.js';
import { defineAction } from './define.js';

/**
 * `page`: calls every device of the endpoints at once, asking each phone to answer by
 * itself, and joins the answering ones to the caller in a conference where only the
 * caller speaks (`two_way`: everyone). It ends when the caller hangs up, which ends the
 * page for everyone. `voipbin.bridge.result` is `NO_ENDPOINTS` when there was nobody to call.
 */
export const pageAction = defineAction({
  type: 'page',
  runsOn: 'media',
  description: 'One-way audio from the caller to many auto-answering devices at once.',
  option: z.looseObject({
    endpoints: z.array(bridgeEndpoint).min(1).max(100),
    /** How long a phone may take to answer; 5 s by default. */
    timeout: durationMs.optional(),
    two_way: z.boolean().optional(),
  }),
  examples: [
    { endpoints: [{ type: 'group', id: 'a4b1f2c00000400080000000000000b1' }] },
    { endpoints: [{ type: 'device', id: 'a4b1f2c00000400080000000000000d1' }, { type: 'user', id: 'a4b1f2c00000400080000000000000a1' }], timeout: 10000, two_way: true },
  ],
});
