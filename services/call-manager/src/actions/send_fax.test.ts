import { describe, expect, it } from '@jest/globals';
import { sendFax } from './send_fax.js';
import { completion, fakeRun } from './test-support.js';

describe('send_fax', () => {
  it('fetches the document, sends it with txfax and stores the outcome in the outbox', async () => {
    const { run, did, listeners } = fakeRun('send_fax', { document_url: 'https://docs.example.com/invoice.tiff' });
    await sendFax.start(run);
    expect(did).toEqual(['txfax /rec/fax-out-1.tiff']);
    await listeners.get('txfax')!(completion({ fax_success: '1', fax_result_code: '0', fax_result_text: 'OK', fax_document_transferred_pages: '2' }));
    expect(did.slice(1)).toEqual(['store fax outbox 2 true /rec/fax-out-1.tiff', 'variables {"voipbin.fax.result":"SUCCESS"}']);
  });

  it('stores a document it cannot send as a failed outbox fax, and sends nothing', async () => {
    const { run, did } = fakeRun('send_fax', { document_url: 'https://docs.example.com/invoice.pdf' });
    await sendFax.start(run);
    expect(did).toEqual([
      'store fax outbox 0 false the document is not a TIFF (the media server sends TIFF only)',
      'variables {"voipbin.fax.result":"the document is not a TIFF (the media server sends TIFF only)"}',
    ]);
  });
});
