import { z } from 'zod';
import { durationMs } from './common.js';
import { defineAction } from './define.js';

/**
 * `fax_detect`: listens for a fax tone for `timeout` (5 s by default; FreeSWITCH's
 * spandsp_start_fax_detect, mod_spandsp). `voipbin.fax_detect.result` is `fax` when the
 * tone came, else `voice`. `tone` is the calling fax's CNG (default) or an answering
 * fax's CED.
 */
export const faxDetectAction = defineAction({
  type: 'fax_detect',
  runsOn: 'media',
  description: 'Listens for a fax tone a set time; the result says fax or voice.',
  option: z.looseObject({
    timeout: durationMs.optional(),
    tone: z.enum(['cng', 'ced']).optional(),
  }),
  examples: [{}, { timeout: 3000, tone: 'cng' }],
});
