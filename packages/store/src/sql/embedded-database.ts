import Sqlite from 'better-sqlite3';
import type { SqlDatabase, SqlExecutor, SqlParam, SqlRow } from './database.js';

type Bindable = string | number | bigint | null | Buffer;

function bindable(params: SqlParam[] | undefined): Bindable[] {
  return (params ?? []).map((value) => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value instanceof Date) return value.toISOString();
    return value;
  });
}

class EmbeddedExecutor implements SqlExecutor {
  readonly dialect = 'sqlite' as const;
  constructor(protected readonly db: Sqlite.Database) {}

  async query<T extends SqlRow = SqlRow>(sql: string, params?: SqlParam[]): Promise<T[]> {
    const statement = this.db.prepare(sql);
    if (!statement.reader) {
      statement.run(bindable(params));
      return [];
    }
    return statement.all(bindable(params)) as T[];
  }

  async execute(sql: string, params?: SqlParam[]): Promise<{ affectedRows: number }> {
    const statement = this.db.prepare(sql);
    // A statement that answers rows (a PRAGMA, a SELECT) is run for its effect alone.
    if (statement.reader) {
      statement.all(bindable(params));
      return { affectedRows: 0 };
    }
    return { affectedRows: statement.run(bindable(params)).changes };
  }
}

/** Where the embedded database keeps its data: a file, or memory (gone when it closes). */
export type EmbeddedLocation = { file: string } | 'memory';

/**
 * SQLite in this process, through better-sqlite3: the embedded default of `npm start`
 * (a file in the data directory) and the fast in-memory database of tests. One
 * connection serves everything, so a transaction holds it until it ends: statements
 * from outside wait their turn instead of landing inside someone else's transaction.
 *
 * On a file it runs in WAL mode with `synchronous = NORMAL`: a commit is one append to
 * the log, a killed process loses nothing committed, and a power cut loses at most the
 * last commits, never the file. The busy timeout covers a checkpoint or a backup tool
 * holding the file for a moment. A second process opening the same file is refused
 * (`SQLITE_BUSY`, see `isDatabaseLocked`) rather than let in to write beside the first.
 */
export class EmbeddedDatabase extends EmbeddedExecutor implements SqlDatabase {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(db: Sqlite.Database) {
    super(db);
  }

  static async open(location: EmbeddedLocation = 'memory'): Promise<EmbeddedDatabase> {
    const db = new Sqlite(location === 'memory' ? ':memory:' : location.file);
    try {
      if (location !== 'memory') {
        // One process owns the file: the exclusive lock is taken now and held until close,
        // and the operating system drops it when the process dies, even by kill -9.
        db.pragma('locking_mode = EXCLUSIVE');
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.exec('BEGIN EXCLUSIVE; COMMIT');
      }
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    } catch (error) {
      db.close();
      throw error;
    }
    return new EmbeddedDatabase(db);
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  override query<T extends SqlRow = SqlRow>(sql: string, params?: SqlParam[]): Promise<T[]> {
    return this.serialized(() => super.query<T>(sql, params));
  }

  override execute(sql: string, params?: SqlParam[]): Promise<{ affectedRows: number }> {
    return this.serialized(() => super.execute(sql, params));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.serialized(async () => {
      this.db.exec('BEGIN');
      try {
        const result = await work(new EmbeddedExecutor(this.db));
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async ping(): Promise<boolean> {
    return this.db.open;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.db.open) this.db.close();
  }
}

/** True when `open` was refused because another process holds the database file. */
export function isDatabaseLocked(error: unknown): boolean {
  return (error as { code?: string })?.code === 'SQLITE_BUSY';
}
