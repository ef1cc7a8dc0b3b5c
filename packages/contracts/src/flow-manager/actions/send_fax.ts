import { z } from 'zod';
import { defineAction } from './define.js';

/**
 * `send_fax`: on an answered call, fetches the TIFF at `document_url` and sends it
 * (FreeSWITCH's txfax, mod_spandsp). The outcome is stored in the account's fax outbox
 * with its page count and result, whether it went through or not; `voipbin.fax.result`
 * is `SUCCESS` or the result text.
 */
export const sendFaxAction = defineAction({
  type: 'send_fax',
  runsOn: 'media',
  description: "Sends a TIFF document to the answered party's fax machine.",
  option: z.looseObject({
    document_url: z.string().url().max(2048),
  }),
  examples: [{ document_url: 'https://docs.example.com/invoice.tiff' }],
});
