import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDatabaseLocked } from '@voxmesh/store';

/**
 * `npm start`'s data directory: the embedded database's file, the master key, and a note
 * of the process that holds them. The database's own exclusive lock decides who may
 * open it (the operating system drops it when its holder dies, even by kill -9); the
 * pid file is only there to name the holder when a second start is refused.
 */
export class DataDir {
  readonly path: string;

  constructor(path: string) {
    this.path = resolve(path);
  }

  get databaseFile(): string {
    return join(this.path, 'voxmesh.db');
  }

  get masterKeyFile(): string {
    return join(this.path, 'master-api-key');
  }

  private get pidFile(): string {
    return join(this.path, 'voxmesh.pid');
  }

  /** Makes the directory (only its owner may read it) when it is missing. */
  ensure(): void {
    mkdirSync(this.path, { recursive: true, mode: 0o700 });
  }

  /** Records this process as the holder, once the database is open. */
  claim(): void {
    writeFileSync(this.pidFile, `${process.pid}\n`);
  }

  release(): void {
    rmSync(this.pidFile, { force: true });
  }

  /** The error to show for a failure to open the database: a clear one when another start holds it. */
  explain(error: unknown): unknown {
    if (!isDatabaseLocked(error)) return error;
    let holder = '';
    try {
      const pid = readFileSync(this.pidFile, 'utf8').trim();
      if (/^\d+$/.test(pid)) holder = ` (pid ${pid})`;
    } catch {
      // No note: the holder is not one of ours, or is just starting.
    }
    return new Error(
      `the data directory ${this.path} is in use by another voxmesh${holder}; stop that one first, or give this one another -data_dir (or -dbDSN embedded:memory to keep nothing)`,
    );
  }
}
