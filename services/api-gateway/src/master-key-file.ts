import { readFileSync, renameSync, writeFileSync } from 'node:fs';

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

  /**
   * Written beside and renamed into place: never half written, and never readable by
   * others, even for a moment, when the file it replaces was.
   */
  write(key: string): void {
    const next = `${this.path}.${process.pid}.tmp`;
    writeFileSync(next, `${key}\n`, { mode: 0o600 });
    renameSync(next, this.path);
  }
}
