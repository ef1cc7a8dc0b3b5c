import initSqlJs from 'sql.js';
import type { Database } from 'sql.js';
import type { SqlDatabase, SqlExecutor, SqlParam, SqlRow } from './database.js';

type Bindable = string | number | null | Uint8Array;

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
  constructor(protected readonly db: Database) {}

  async query<T extends SqlRow = SqlRow>(sql: string, params?: SqlParam[]): Promise<T[]> {
    const statement = this.db.prepare(sql);
    try {
      statement.bind(bindable(params));
      const rows: T[] = [];
      while (statement.step()) rows.push(statement.getAsObject() as T);
      return rows;
    } finally {
      statement.free();
    }
  }

  async execute(sql: string, params?: SqlParam[]): Promise<{ affectedRows: number }> {
    this.db.run(sql, bindable(params));
    return { affectedRows: this.db.getRowsModified() };
  }
}

/**
 * SQLite in WebAssembly, in memory, for the embedded default and fast tests. One
 * connection serves everything, so a transaction holds it until it ends: statements
 * from outside wait their turn instead of landing inside someone else's transaction.
 */
export class EmbeddedDatabase extends EmbeddedExecutor implements SqlDatabase {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(db: Database) {
    super(db);
  }

  static async open(): Promise<EmbeddedDatabase> {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run('PRAGMA foreign_keys = ON');
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
      this.db.run('BEGIN');
      try {
        const result = await work(new EmbeddedExecutor(this.db));
        this.db.run('COMMIT');
        return result;
      } catch (error) {
        this.db.run('ROLLBACK');
        throw error;
      }
    });
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }
}
