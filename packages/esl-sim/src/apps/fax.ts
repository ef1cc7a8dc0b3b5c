import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Session } from '../core/session.js';
import type { Header } from '../protocol/event.js';
import type { AppHandler } from './types.js';

/** Simulated T.30 timing: the handshake, then each page at 9600 bit/s. */
const NEGOTIATION_MS = 3000;
const PAGE_MS = 10_000;
/** T.30's T0: how long the answering side waits for the caller's fax signals. */
const T0_MS = 60_000;
const RATE = '9600';

/** spandsp's t30_completion_code_to_str for the outcomes simulated here. */
const RESULTS = {
  ok: { code: '0', text: 'OK' },
  noFax: { code: '2', text: 'Timed out waiting for initial communication' },
  dropped: { code: '49', text: 'The call dropped prematurely' },
  fileError: { code: '41', text: 'TIFF/F file cannot be opened' },
} as const;

/** Called parties that answer as fax machines (a destination set with `fax`): txfax reaches them. */
export const faxReceivers = new WeakSet<Session>();

/** The pages of a TIFF file (its chain of image file directories); undefined when it cannot be read as one. */
export function tiffPageCount(path: string): number | undefined {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  if (file.length < 8 || file.subarray(0, 4).toString('binary') !== 'II*\u0000') return undefined;
  let pages = 0;
  for (let at = file.readUInt32LE(4); at !== 0; pages++) {
    if (at + 2 > file.length || pages >= 10_000) return undefined;
    const next = at + 2 + file.readUInt16LE(at) * 12;
    if (next + 4 > file.length) return undefined;
    at = file.readUInt32LE(next);
  }
  return pages > 0 ? pages : undefined;
}

const ORIGIN = { file: 'mod_spandsp_fax.c', func: 'phase_e_handler', line: 430 };

/**
 * A fax document as spandsp's T.4 writer leaves it: a little-endian TIFF with one
 * image file directory per page (ImageWidth 1728, one blank row, uncompressed), so a
 * reader counts the pages. The simulator carries no image data.
 */
export function faxTiff(pages: number): Buffer {
  const ENTRIES = 8;
  const ifdSize = 2 + ENTRIES * 12 + 4;
  const rowBytes = 216;
  const pageSize = ifdSize + rowBytes;
  const file = Buffer.alloc(8 + pages * pageSize);
  file.write('II', 0, 'ascii');
  file.writeUInt16LE(42, 2);
  file.writeUInt32LE(pages > 0 ? 8 : 0, 4);
  for (let page = 0; page < pages; page++) {
    const at = 8 + page * pageSize;
    const strip = at + ifdSize;
    const tags: [number, number, number][] = [
      [256, 3, 1728], // ImageWidth
      [257, 3, 1], // ImageLength
      [258, 3, 1], // BitsPerSample
      [259, 3, 1], // Compression: none
      [262, 3, 0], // PhotometricInterpretation: white is zero
      [273, 4, strip], // StripOffsets
      [278, 3, 1], // RowsPerStrip
      [279, 4, rowBytes], // StripByteCounts
    ];
    file.writeUInt16LE(ENTRIES, at);
    tags.forEach(([tag, type, value], index) => {
      const entry = at + 2 + index * 12;
      file.writeUInt16LE(tag, entry);
      file.writeUInt16LE(type, entry + 2);
      file.writeUInt32LE(1, entry + 4);
      if (type === 3) file.writeUInt16LE(value, entry + 8);
      else file.writeUInt32LE(value, entry + 8);
    });
    file.writeUInt32LE(page + 1 < pages ? at + pageSize : 0, at + 2 + ENTRIES * 12);
  }
  return file;
}

function writeDocument(path: string, pages: number): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, faxTiff(pages));
  } catch {
    // spandsp logs a file it cannot open; the result still says what happened.
  }
}

/** phase_e_handler: the channel variables and the result event, `spandsp::rxfaxresult` / `spandsp::txfaxresult`. */
function finish(session: Session, mode: 'rx' | 'tx', result: (typeof RESULTS)[keyof typeof RESULTS], pages: number, total: number): void {
  const ch = session.channel;
  const success = result === RESULTS.ok ? '1' : '0';
  const values: Record<string, string> = {
    fax_success: success,
    fax_result_code: result.code,
    fax_result_text: result.text,
    fax_ecm_used: 'off',
    fax_local_station_id: ch.getVariable('fax_ident') ?? 'SpanDSP Fax Ident',
    // A fax machine identifies itself by its number (its TSI); nothing answers for a caller that is no fax.
    fax_remote_station_id: mode === 'rx' ? (session.faxPages !== undefined ? ch.profile.callerIdNumber : '') : faxReceivers.has(session) ? ch.profile.destinationNumber : '',
    fax_document_transferred_pages: String(pages),
    fax_document_total_pages: String(total),
    fax_image_resolution: pages > 0 ? '8040x3850' : '0x0',
    fax_image_size: String(pages * 216),
    fax_bad_rows: '0',
    fax_transfer_rate: RATE,
  };
  for (const [name, value] of Object.entries(values)) ch.setVariable(name, value);
  const headers: Header[] = [
    ['fax-success', success],
    ['fax-result-code', result.code],
    ['fax-result-text', result.text],
    ['fax-document-transferred-pages', values.fax_document_transferred_pages!],
    ['fax-document-total-pages', values.fax_document_total_pages!],
    ['fax-image-resolution', values.fax_image_resolution!],
    ['fax-image-size', values.fax_image_size!],
    ['fax-bad-rows', '0'],
    ['fax-transfer-rate', RATE],
    ['fax-ecm-used', 'off'],
    ['fax-local-station-id', values.fax_local_station_id!],
    ['fax-remote-station-id', values.fax_remote_station_id!],
  ];
  session.fire('CUSTOM', headers, { subclass: `spandsp::${mode}faxresult`, origin: ORIGIN });
}

/** phase_d_handler: one page done, `spandsp::rxfaxpageresult` / `spandsp::txfaxpageresult`. */
function pageDone(session: Session, mode: 'rx' | 'tx', pages: number): void {
  session.fire('CUSTOM', [['uuid', session.uuid], ['fax-document-transferred-pages', String(pages)], ['fax-image-resolution', '8040x3850'], ['fax-bad-rows', '0']], {
    subclass: `spandsp::${mode}faxpageresult`,
    origin: { file: 'mod_spandsp_fax.c', func: 'phase_d_handler', line: 330 },
  });
}

/**
 * `rxfax <path>` (mod_spandsp, spanfax_rx_function → mod_spandsp_fax_process_fax):
 * answers and receives a document into `<path>` from a caller placed with `fax_pages`,
 * page by page (`spandsp::rxfaxpageresult`), then phase_e_handler sets `fax_success`,
 * `fax_result_code`/`_text`, `fax_document_transferred_pages`/`_total_pages` and the
 * rest, and fires `spandsp::rxfaxresult`. A caller that is no fax gives result 2 after
 * T0 (60 s); a hangup mid-document, result 49 with the pages received so far.
 */
export const rxfax: AppHandler = async ({ session }, arg) => {
  const path = arg.trim();
  if (path === '') return;
  if (!session.channel.answered) session.answer();
  const sending = session.faxPages;
  if (sending === undefined) {
    const waited = await session.wait(T0_MS);
    finish(session, 'rx', waited.outcome === 'hangup' ? RESULTS.dropped : RESULTS.noFax, 0, 0);
    return;
  }
  let pages = 0;
  const handshake = await session.wait(NEGOTIATION_MS);
  if (handshake.outcome !== 'hangup') {
    for (; pages < sending; pages++) {
      const page = await session.wait(PAGE_MS);
      if (page.outcome === 'hangup') break;
      pageDone(session, 'rx', pages + 1);
    }
  }
  writeDocument(path, pages);
  finish(session, 'rx', pages === sending ? RESULTS.ok : RESULTS.dropped, pages, pages);
};

/**
 * `txfax <path>` (spanfax_tx_function → mod_spandsp_fax_process_fax): sends the TIFF at
 * `<path>` page by page to a far end that answers as a fax machine (a destination set
 * with `fax`), then phase_e_handler's variables and `spandsp::txfaxresult`. A file that
 * cannot be read as a TIFF fails at once (41); a far end that is no fax, after T0 (2); a
 * hangup mid-document, 49 with the pages sent so far.
 */
export const txfax: AppHandler = async ({ session }, arg) => {
  const path = arg.trim();
  if (path === '') return;
  const total = tiffPageCount(path);
  if (total === undefined) {
    finish(session, 'tx', RESULTS.fileError, 0, 0);
    return;
  }
  if (!faxReceivers.has(session)) {
    const waited = await session.wait(T0_MS);
    finish(session, 'tx', waited.outcome === 'hangup' ? RESULTS.dropped : RESULTS.noFax, 0, total);
    return;
  }
  let pages = 0;
  const handshake = await session.wait(NEGOTIATION_MS);
  if (handshake.outcome !== 'hangup') {
    for (; pages < total; pages++) {
      const page = await session.wait(PAGE_MS);
      if (page.outcome === 'hangup') break;
      pageDone(session, 'tx', pages + 1);
    }
  }
  finish(session, 'tx', pages === total ? RESULTS.ok : RESULTS.dropped, pages, total);
};
