import { describe, expect, it } from '@jest/globals';
import { receiveFax } from './receive_fax.js';
import { completion, fakeRun } from './test-support.js';

describe('receive_fax', () => {
  it('receives into a file under the recording directory and stores the fax with its pages and result', async () => {
    const { run, did, listeners } = fakeRun('receive_fax', { faxbox_id: 'a4b1f2c00000400080000000000000f1' });
    await receiveFax.start(run);
    expect(did[0]).toMatch(/^rxfax \/rec\/fax-[0-9a-f-]+\.tiff$/);
    const path = did[0]!.slice('rxfax '.length);
    await listeners.get('rxfax')!(completion({ fax_success: '1', fax_result_code: '0', fax_result_text: 'OK', fax_document_transferred_pages: '3', fax_remote_station_id: '+15550001' }));
    expect(did.slice(1)).toEqual([`store fax inbox 3 true ${path}`, 'variables {"voipbin.fax.result":"SUCCESS"}']);
  });

  it('stores a failed fax without a document, its result text in the flow', async () => {
    const { run, did, listeners } = fakeRun('receive_fax', {});
    await receiveFax.start(run);
    await listeners.get('rxfax')!(completion({ fax_success: '0', fax_result_code: '2', fax_result_text: 'Timed out waiting for initial communication', fax_document_transferred_pages: '0' }));
    expect(did.slice(1)).toEqual(['store fax inbox 0 false Timed out waiting for initial communication', 'variables {"voipbin.fax.result":"Timed out waiting for initial communication"}']);
  });

  it('is refused without mod_spandsp', async () => {
    const { run, did } = fakeRun('receive_fax', {}, { modules: { mod_spandsp: false } });
    await receiveFax.start(run);
    expect(did).toEqual(['refuse MODULE_MISSING']);
  });
});
