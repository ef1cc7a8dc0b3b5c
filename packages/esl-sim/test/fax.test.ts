import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EslSimulator, STOCK_MODULES, type EslEvent } from '../src/index.js';
import { writeFileSync } from 'node:fs';
import { faxTiff } from '../src/apps/fax.js';
import { EventLog } from './helpers/event-log.js';
import { RawClient } from './helpers/raw-client.js';

/** The pages in a TIFF: its chain of image file directories. */
function tiffPages(file: Buffer): number {
  if (file.subarray(0, 2).toString('ascii') !== 'II' || file.readUInt16LE(2) !== 42) return -1;
  let pages = 0;
  for (let at = file.readUInt32LE(4); at !== 0; at = file.readUInt32LE(at + 2 + file.readUInt16LE(at) * 12)) pages++;
  return pages;
}

/** mod_spandsp's rxfax: a fax caller's pages received into a TIFF, with the result variables and events. */
describe('rxfax', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxmesh-rxfax-'));
  let sim: EslSimulator;
  let client: RawClient;
  let log: EventLog;
  let counter = 0;

  beforeEach(async () => {
    sim = new EslSimulator({ timeScale: 0.01, modules: [...STOCK_MODULES] });
    const { esl } = await sim.start();
    client = await RawClient.login(esl.port);
    log = new EventLog(sim);
  });

  afterEach(async () => {
    log.stop();
    await client.close();
    await sim.stop();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const execute = async (uuid: string, app: string, arg: string): Promise<EslEvent> => {
    const appUuid = `app-${++counter}`;
    await client.command(`sendmsg ${uuid}\ncall-command: execute\nexecute-app-name: ${app}\nexecute-app-arg: ${arg}\nEvent-UUID: ${appUuid}`);
    return log.waitForEvent('CHANNEL_EXECUTE_COMPLETE', uuid, (e) => e.get('Application-UUID') === appUuid, 20_000);
  };
  const custom = (uuid: string, subclass: string) => log.events.filter((event) => event.name === 'CUSTOM' && event.subclass === subclass && event.get('Unique-ID') === uuid);

  it('writes a TIFF with one directory per page', () => {
    expect(tiffPages(faxTiff(3))).toBe(3);
    expect(tiffPages(faxTiff(1))).toBe(1);
  });

  it('receives the pages a fax caller sends: a page event each, then fax_success and the result event', async () => {
    const uuid = sim.placeCall({ from: '+15550101', to: '3000', fax_pages: 3 });
    const path = join(dir, 'in-3.tiff');
    const done = await execute(uuid, 'rxfax', path);
    expect(done.get('variable_fax_success')).toBe('1');
    expect(sim.getCall(uuid).answered).toBe(true);
    const vars = sim.getCall(uuid).variables;
    expect(vars).toMatchObject({ fax_result_code: '0', fax_result_text: 'OK', fax_document_transferred_pages: '3', fax_document_total_pages: '3', fax_remote_station_id: '+15550101' });
    expect(custom(uuid, 'spandsp::rxfaxpageresult').map((event) => event.get('fax-document-transferred-pages'))).toEqual(['1', '2', '3']);
    const [result] = custom(uuid, 'spandsp::rxfaxresult');
    expect([result!.get('fax-success'), result!.get('fax-result-code'), result!.get('fax-document-transferred-pages')]).toEqual(['1', '0', '3']);
    expect(tiffPages(readFileSync(path))).toBe(3);
  });

  it('fails with result 2 when the caller is no fax, and with 49 and the pages so far when the call drops', async () => {
    const person = sim.placeCall({ from: '+15550102', to: '3000' });
    const none = await execute(person, 'rxfax', join(dir, 'none.tiff'));
    expect([none.get('variable_fax_success'), none.get('variable_fax_result_code'), none.get('variable_fax_result_text')]).toEqual(['0', '2', 'Timed out waiting for initial communication']);
    expect(existsSync(join(dir, 'none.tiff'))).toBe(false);

    const dropping = sim.placeCall({ from: '+15550103', to: '3000', fax_pages: 5 });
    const receiving = execute(dropping, 'rxfax', join(dir, 'dropped.tiff'));
    await log.waitFor((event) => event.subclass === 'spandsp::rxfaxpageresult' && event.get('Unique-ID') === dropping && event.get('fax-document-transferred-pages') === '2', 20_000);
    sim.hangup(dropping);
    await receiving;
    const [result] = custom(dropping, 'spandsp::rxfaxresult');
    expect([result!.get('fax-success'), result!.get('fax-result-code'), result!.get('fax-document-transferred-pages')]).toEqual(['0', '49', '2']);
  });

  it('txfax sends a TIFF page by page to a far end that answers as a fax; a bad file fails with 41, a person with 2', async () => {
    const document = join(dir, 'out-2.tiff');
    writeFileSync(document, faxTiff(2));
    sim.setDestination('+15550200', { answer: 'answer', after_ms: 200, fax: true });
    await client.command(`bgapi originate user/+15550200 &txfax(${document})`);
    const sent = await log.waitFor((event) => event.subclass === 'spandsp::txfaxresult', 20_000);
    expect([sent.get('fax-success'), sent.get('fax-result-code'), sent.get('fax-document-transferred-pages'), sent.get('fax-document-total-pages')]).toEqual(['1', '0', '2', '2']);
    expect(log.events.filter((event) => event.subclass === 'spandsp::txfaxpageresult').map((event) => event.get('fax-document-transferred-pages'))).toEqual(['1', '2']);

    writeFileSync(join(dir, 'not-a-fax.tiff'), 'hello');
    await client.command(`bgapi originate user/+15550200 &txfax(${join(dir, 'not-a-fax.tiff')})`);
    const bad = await log.waitFor((event) => event.subclass === 'spandsp::txfaxresult' && event.get('fax-result-code') === '41', 20_000);
    expect(bad.get('fax-success')).toBe('0');

    sim.setDestination('+15550201', { answer: 'answer', after_ms: 200 });
    await client.command(`bgapi originate user/+15550201 &txfax(${document})`);
    const person = await log.waitFor((event) => event.subclass === 'spandsp::txfaxresult' && event.get('fax-result-code') === '2', 20_000);
    expect([person.get('fax-success'), person.get('fax-document-transferred-pages')]).toEqual(['0', '0']);
  });
});
