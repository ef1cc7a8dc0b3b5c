import { randomUUID } from 'node:crypto';
import type { EventCatalog, EventInputOf, EventTypeOf } from '@voxmesh/wire';
import { cell } from '../sql/cells.js';
import type { SqlDatabase, SqlExecutor } from '../sql/database.js';

/**
 * A transactional outbox: a service records its events in the same transaction as the
 * change they describe, and a relay publishes them once committed. A crash between the
 * commit and the publish loses nothing: the rows stay and the next sweep (this replica's
 * after a restart, or another's) publishes them. Delivery is at least once, in the order
 * they were recorded within a relay's batch.
 */

/** The outbox table for `table`, in each dialect's spelling of an auto-increment key. */
export function outboxSchema(table: string): { mysql: string; sqlite: string } {
  const columns = `
  type VARCHAR(64) NOT NULL,
  data MEDIUMTEXT NOT NULL,
  claim VARCHAR(64) NOT NULL DEFAULT '',
  claim_until BIGINT NOT NULL DEFAULT 0,
  tm_create VARCHAR(32) NOT NULL`;
  return {
    mysql: `CREATE TABLE ${table} (\n  seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,${columns}\n)`,
    sqlite: `CREATE TABLE ${table} (\n  seq INTEGER PRIMARY KEY AUTOINCREMENT,${columns.replace('MEDIUMTEXT', 'TEXT')}\n)`,
  };
}

/**
 * Adds events to the outbox on an executor: the pool, or the caller's transaction. Typed
 * by the service's event catalog, it takes only declared types with data that fits, as
 * the publisher does; the relay publishes the rows as they were recorded.
 */
export class OutboxWriter<C extends EventCatalog = EventCatalog> {
  constructor(
    private readonly db: SqlExecutor,
    private readonly table: string,
  ) {}

  async add<K extends EventTypeOf<C>>(type: K, data: EventInputOf<C, K>): Promise<void> {
    await this.db.execute(`INSERT INTO ${this.table} (type, data, tm_create) VALUES (?, ?, ?)`, [type, JSON.stringify(data), new Date().toISOString()]);
  }
}

export interface OutboxRelayOptions {
  db: SqlDatabase;
  table: string;
  publish: (type: string, data: unknown) => Promise<void>;
  /** How often rows left behind (a crash, a refused publish) are looked for. */
  sweepEveryMs?: number;
  /** How long a replica's claim on a batch holds before another may take it over. */
  claimMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
  /** Told how many events each batch published, for a metric. */
  onPublished?: (count: number) => void;
}

export class OutboxRelay {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly claim = randomUUID();

  constructor(private readonly options: OutboxRelayOptions) {}

  /** Publishes everything waiting, now; called after each commit that recorded events. */
  flush(): Promise<void> {
    if (this.running) {
      // A drain is under way; it goes round once more so rows committed meanwhile go too.
      this.again = true;
      return this.running;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.options.sweepEveryMs ?? 1000);
    this.timer.unref();
    void this.flush();
  }

  /** Events waiting to be published. */
  async depth(): Promise<number> {
    const rows = await this.options.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${this.options.table}`);
    return Number(rows[0]?.n ?? 0);
  }

  /** Stops sweeping and waits for a drain in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async drain(): Promise<void> {
    const { db, table } = this.options;
    const batch = this.options.batchSize ?? 100;
    do {
      this.again = false;
      for (;;) {
        const now = Date.now();
        const free = await db.query<{ seq: number }>(`SELECT seq FROM ${table} WHERE claim_until < ? ORDER BY seq LIMIT ${batch}`, [now]);
        if (free.length === 0) break;
        // Claim them, unless another relay did in between: two replicas sweeping at once take disjoint rows.
        const seqs = free.map((row) => Number(row.seq));
        await db.execute(`UPDATE ${table} SET claim = ?, claim_until = ? WHERE claim_until < ? AND seq IN (${seqs.map(() => '?').join(', ')})`, [
          this.claim,
          now + (this.options.claimMs ?? 30_000),
          now,
          ...seqs,
        ]);
        const rows = await db.query<{ seq: number; type: string; data: string }>(`SELECT seq, type, data FROM ${table} WHERE claim = ? ORDER BY seq`, [this.claim]);
        if (rows.length === 0) break;
        let published = 0;
        try {
          for (const row of rows) {
            await this.options.publish(String(row.type), cell.json(row.data));
            published++;
          }
        } finally {
          const done = rows.slice(0, published).map((row) => Number(row.seq));
          if (done.length > 0) {
            await db.execute(`DELETE FROM ${table} WHERE seq IN (${done.map(() => '?').join(', ')})`, done);
            this.options.onPublished?.(done.length);
          }
          // What could not go out is left for the next sweep, by any replica.
          if (published < rows.length) await db.execute(`UPDATE ${table} SET claim = '', claim_until = 0 WHERE claim = ?`, [this.claim]);
        }
        if (free.length < batch) break;
      }
    } while (this.again);
  }
}
