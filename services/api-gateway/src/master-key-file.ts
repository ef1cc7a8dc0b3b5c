import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The master API key kept in a file (`npm start`'s data directory), readable only by
 * its owner, so the key made at the first start keeps working at the next ones without
 * being printed again.
 */
export class MasterKeyFile {
  constructor(readonly path: string) {}

  /** The kept key, or undefined when there is none yet. */
  read(): string | undefined {
    try {
      const key = readFileSync(this.path, 'utf8').trim();
      return key === '' ? undefined : key;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  write(key: string): void {
    writeFileSync(this.path, `${key}\n`, { mode: 0o600 });
    // A file that existed keeps its mode through writeFileSync; the key must not stay readable.
    chmodSync(this.path, 0o600);
  }
}
