import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The simulator's audio: 8 kHz, 16-bit, mono silence. */
const RATE = 8000;
/** A simulated recording can run for hours of simulated time; its file is cut to this much silence. */
const MAX_MS = 60_000;

/**
 * The file a recording leaves, as FreeSWITCH's record_session media bug closes it
 * (`record_callback`, SWITCH_ABC_TYPE_CLOSE, in switch_ivr_async.c): a RIFF/WAVE file of
 * the recording's length, silent, since the simulator carries no audio. Whatever the
 * extension, it is WAVE: the simulator encodes no mp3. A path that cannot be written
 * is left unwritten, as the switch logs and goes on. Written at once (a small file), so
 * the stop event still follows the close in order.
 */
export function writeRecordingFile(path: string, ms: number): void {
  const samples = Math.floor((Math.min(Math.max(ms, 0), MAX_MS) * RATE) / 1000);
  const data = samples * 2;
  const file = Buffer.alloc(44 + data);
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(36 + data, 4);
  file.write('WAVE', 8, 'ascii');
  file.write('fmt ', 12, 'ascii');
  file.writeUInt32LE(16, 16);
  file.writeUInt16LE(1, 20);
  file.writeUInt16LE(1, 22);
  file.writeUInt32LE(RATE, 24);
  file.writeUInt32LE(RATE * 2, 28);
  file.writeUInt16LE(2, 32);
  file.writeUInt16LE(16, 34);
  file.write('data', 36, 'ascii');
  file.writeUInt32LE(data, 40);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file);
  } catch {
    // The switch logs a file it cannot open and still reports the stop.
  }
}
