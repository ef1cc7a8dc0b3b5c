import type { Column, SqlDatabase, SqlParam } from '@voxmesh/store';
import type { Logger } from '@voxmesh/telemetry';

/** Batches up to this many rows (and full ones) go as prepared statements: a few shapes per connection, not one per count. */
const PREPARED_UP_TO = 16;

export interface BatchWriterOptions<T> {
  db: SqlDatabase;
  table: string;
  /** The first column is the primary key. */
  columns: readonly Column<T>[];
  logger: Logger;
  /** Rows per statement. */
  maxBatch?: number;
}

/**
 * Write-behind for documents that change often (a call changes with every action):
 * `write` marks the row changed and returns at once, and a single writer upserts every
 * changed row as it is when the statement is made, many rows per statement, so a busy
 * replica spends one commit on many changes instead of one each. A row written twice
 * before the flush is written once, with its latest state (rows are live objects: the
 * writer reads them when it writes, which is also what spares serializing a call that
 * changes three times in a millisecond three times); a failed statement is retried,
 * never dropped.
 */
export class BatchWriter<T> {
  private readonly pending = new Map<string, T>();
  private running: Promise<void> | undefined;
  private readonly sqlCache = new Map<number, string>();
  private closed = false;

  constructor(private readonly options: BatchWriterOptions<T>) {}

  write(row: T): void {
    const id = String(this.options.columns[0]!.value(row));
    // Re-inserting moves the row behind the others, so a row changing all the time cannot starve the rest.
    this.pending.delete(id);
    this.pending.set(id, row);
    this.running ??= this.drain();
  }

  /** Resolves once every snapshot written so far is in the database. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Flushes and stops taking writes. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  get backlog(): number {
    return this.pending.size;
  }

  private async drain(): Promise<void> {
    const maxBatch = this.options.maxBatch ?? 200;
    const { db } = this.options;
    let failures = 0;
    try {
      while (this.pending.size > 0) {
        const batch: [string, T][] = [];
        for (const entry of this.pending) {
          batch.push(entry);
          this.pending.delete(entry[0]);
          if (batch.length >= maxBatch) break;
        }
        const params: SqlParam[] = [];
        for (const [, row] of batch) for (const column of this.options.columns) params.push(column.value(row));
        try {
          // Prepared where the database has it: the documents go as they are instead of escaped into the text.
          if (db.executePrepared && (batch.length <= PREPARED_UP_TO || batch.length === maxBatch)) await db.executePrepared(this.sql(batch.length), params);
          else await db.execute(this.sql(batch.length), params);
          failures = 0;
        } catch (error) {
          failures++;
          // Put back what failed unless it was written again meanwhile (then it goes with its latest state anyway).
          for (const [id, row] of batch) if (!this.pending.has(id)) this.pending.set(id, row);
          this.options.logger.error({ err: error, table: this.options.table, rows: batch.length, failures }, 'write-behind failed; retrying');
          if (this.closed && failures >= 5) return;
          await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** Math.min(failures, 6))));
        }
      }
    } finally {
      this.running = undefined;
      if (this.pending.size > 0 && !this.closed) this.running = this.drain();
    }
  }

  private sql(rows: number): string {
    let sql = this.sqlCache.get(rows);
    if (sql !== undefined) return sql;
    const { table, columns, db } = this.options;
    const names = columns.map((column) => column.name);
    const tuple = `(${names.map(() => '?').join(', ')})`;
    const values = Array.from({ length: rows }, () => tuple).join(', ');
    const updates = names.slice(1);
    const conflict =
      db.dialect === 'mysql'
        ? `ON DUPLICATE KEY UPDATE ${updates.map((name) => `${name} = VALUES(${name})`).join(', ')}`
        : `ON CONFLICT(${names[0]}) DO UPDATE SET ${updates.map((name) => `${name} = excluded.${name}`).join(', ')}`;
    sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES ${values} ${conflict}`;
    this.sqlCache.set(rows, sql);
    return sql;
  }
}
