import { z } from 'zod';
import { defineMetaflowModule } from './define.js';

const dtmfKey = z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#']);

/** Kazoo's konami `hold` (applications/konami/doc/hold.md). */
export const holdMetaflow = defineMetaflowModule({
  module: 'hold',
  description: 'Holds the other party with music (moh_aleg / moh_bleg for each leg) until the unhold key (default 1).',
  data: z.looseObject({ moh_aleg: z.string().max(2048).optional(), moh_bleg: z.string().max(2048).optional(), unhold_key: dtmfKey.optional() }),
  examples: [{ data: { moh_aleg: 'silence_stream://0,1400', moh_bleg: 'some_useful_media_id', unhold_key: '5' } }],
});
