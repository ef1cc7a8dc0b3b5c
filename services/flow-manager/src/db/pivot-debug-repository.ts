import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@voxmesh/store';
import { parseJson } from '@voxmesh/wire';
import type { PivotDebugLog, PivotExchangeRecord } from '../actions/types.js';

/** A call in the debug log's summary: its id and when its last exchange happened. */
export interface PivotDebugCall {
  call_id: string;
  exchanges: number;
  tm_last: string;
}

/**
 * Pivot's debug log in SQL. Rows are ordered within a call by `seq` (the time they were
 * written, in microseconds, with a counter so one batch keeps its order), and rows older
 * than the retention are removed as new ones are written, so the table stays bounded
 * without a job of its own.
 */
export class PivotDebugRepository implements PivotDebugLog {
  private counter = 0;
  private lastPurge = 0;

  constructor(
    private readonly db: SqlDatabase,
    private readonly retentionMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entries: PivotExchangeRecord[]): Promise<void> {
    for (const entry of entries) {
      const seq = this.now().getTime() * 1000 + (this.counter++ % 1000);
      await this.db.execute('INSERT INTO flow_pivot_debug (id, account_id, call_id, activeflow_id, seq, exchange, tm_create) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        randomUUID(),
        entry.account_id,
        entry.call_id,
        entry.activeflow_id,
        seq,
        JSON.stringify(entry),
        entry.tm,
      ]);
    }
    await this.purgeNowAndThen();
  }

  /** The account's calls with debug records, the most recent first. */
  async calls(accountId: string, page: { limit: number; offset: number }): Promise<PivotDebugCall[]> {
    const rows = await this.db.query(
      'SELECT call_id, COUNT(*) AS exchanges, MAX(tm_create) AS tm_last FROM flow_pivot_debug WHERE account_id = ? GROUP BY call_id ORDER BY tm_last DESC, call_id LIMIT ? OFFSET ?',
      [accountId, page.limit, page.offset],
    );
    return rows.map((row) => ({ call_id: String(row.call_id), exchanges: Number(row.exchanges), tm_last: String(row.tm_last) }));
  }

  /** One call's exchanges in the order they happened. */
  async exchanges(accountId: string, callId: string): Promise<PivotExchangeRecord[]> {
    const rows = await this.db.query('SELECT exchange FROM flow_pivot_debug WHERE account_id = ? AND call_id = ? ORDER BY seq', [accountId, callId]);
    return rows.map((row) => parseJson(String(row.exchange)) as PivotExchangeRecord);
  }

  /** Removes what is past the retention; at most once a minute, from the writes themselves. */
  async purge(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - this.retentionMs).toISOString();
    return (await this.db.execute('DELETE FROM flow_pivot_debug WHERE tm_create < ?', [cutoff])).affectedRows;
  }

  private async purgeNowAndThen(): Promise<void> {
    const now = this.now().getTime();
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    await this.purge();
  }
}
