import { cell, type SqlDatabase, type SqlDialect, type SqlParam, type SqlRow as Row } from '@voxmesh/store';
import type { Webhook } from '../contract.js';
import { insertIgnore, placeholders } from './sql.js';
import { webhookColumnsAs, webhookFromRow } from './webhook-repository.js';

export type DeliveryState = 'pending' | 'done' | 'failed' | 'parked';

/** A delivery as intake writes it: one event for one target. */
export interface NewDelivery {
  id: string;
  /** Sent as X-Event-ID; the same for every attempt and for a re-read of the same event. */
  eventId: string;
  /** `hook:<id>`, `account:<id>`, `activeflow:<id>` or `destination:<id>`. */
  target: string;
  /** Identifies the event; with `target` it keeps a redelivered event from being written twice. */
  eventKey: string;
  /** Deliveries of one lane go out one at a time, in `seq` order. */
  lane: string;
  ordered: boolean;
  hookId: string | null;
  /** The account whose secret signs the request (the hook's owner for a hook). */
  accountId: string;
  hookEvent: string;
  /** For deliveries without a hook; a hook's uri, verb and format are read when attempting. */
  uri: string | null;
  method: string | null;
  contentType: string | null;
  payload: string;
  maxTries: number;
}

export interface Delivery extends NewDelivery {
  seq: number;
  tryCount: number;
  state: DeliveryState;
  nextAttemptAt: number;
  leaseUntil: number;
  createdAt: string;
}

export interface DeliveryWithHook {
  delivery: Delivery;
  /** The hook as it is now; undefined when the delivery has none or the hook was deleted. */
  hook: Webhook | undefined;
}

const INSERT_COLUMNS = [
  'id',
  'event_id',
  'target',
  'event_key',
  'lane',
  'ordered',
  'hook_id',
  'account_id',
  'hook_event',
  'uri',
  'method',
  'content_type',
  'payload',
  'max_tries',
  'try_count',
  'state',
  'next_attempt_at',
  'kicked_at',
  'lease_until',
  'lease_owner',
  'created_at',
];

/** Written out field by field: the delivery loop reads rows on its hot path, and a literal is the cheapest to build. */
function deliveryFromRow(row: Row): Delivery {
  return {
    seq: cell.int(row.seq),
    id: cell.text(row.id),
    eventId: cell.text(row.event_id),
    target: cell.text(row.target),
    eventKey: cell.text(row.event_key),
    lane: cell.text(row.lane),
    ordered: cell.bool(row.ordered),
    hookId: cell.nullableText(row.hook_id),
    accountId: cell.text(row.account_id),
    hookEvent: cell.text(row.hook_event),
    uri: cell.nullableText(row.uri),
    method: cell.nullableText(row.method),
    contentType: cell.nullableText(row.content_type),
    payload: cell.text(row.payload),
    maxTries: cell.int(row.max_tries),
    tryCount: cell.int(row.try_count),
    state: cell.text(row.state) as DeliveryState,
    nextAttemptAt: cell.int(row.next_attempt_at),
    leaseUntil: cell.int(row.lease_until),
    createdAt: cell.text(row.created_at),
  };
}

/** Rows per INSERT statement: well under any placeholder limit. */
const INSERT_CHUNK = 200;

// try_count and state are the same for every new row: written into the text, not sent per row.
const ROW_PLACEHOLDERS = `(${placeholders(14)}, 0, 'pending', ${placeholders(5)})`;
const insertTexts = new Map<string, string>();
function insertSql(dialect: SqlDialect, count: number): string {
  const key = `${dialect}:${count}`;
  let sql = insertTexts.get(key);
  if (sql === undefined) {
    sql = `${insertIgnore(dialect)} webhook_deliveries (${INSERT_COLUMNS.join(', ')}) VALUES ${Array.from({ length: count }, () => ROW_PLACEHOLDERS).join(', ')}`;
    insertTexts.set(key, sql);
  }
  return sql;
}

/**
 * The outbox. The delivery loop coordinates replicas through it alone: a lease claimed
 * with a conditional UPDATE says who is attempting a delivery, and a lane's head (its
 * lowest pending `seq`) is the only one of the lane that may be attempted.
 */
export class DeliveryRepository {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Writes new deliveries; one already written for the same target and event is left as it is.
   * Rows named in `lease` are written already claimed by its owner (the replica that will
   * attempt them at once), which spares the claim a statement of its own. Resolves with
   * the number of rows written: fewer than given means some were there already.
   */
  async insertMany(deliveries: NewDelivery[], now: number, lease?: { owner: string; until: number; ids: ReadonlySet<string> }): Promise<number> {
    const createdAt = new Date(now).toISOString();
    let written = 0;
    for (let at = 0; at < deliveries.length; at += INSERT_CHUNK) {
      const chunk = deliveries.slice(at, at + INSERT_CHUNK);
      const params: SqlParam[] = [];
      for (const d of chunk) {
        const held = lease !== undefined && lease.ids.has(d.id) ? lease : undefined;
        params.push(d.id, d.eventId, d.target, d.eventKey, d.lane, d.ordered ? 1 : 0, d.hookId, d.accountId, d.hookEvent, d.uri, d.method, d.contentType, d.payload, d.maxTries);
        params.push(now, now, held ? held.until : 0, held ? held.owner : null, createdAt);
      }
      written += (await this.db.execute(insertSql(this.db.dialect, chunk.length), params)).affectedRows;
    }
    return written;
  }

  /** Which of these deliveries `token` holds the lease of. */
  async heldBy(ids: string[], token: string): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE id IN (${placeholders(ids.length)}) AND lease_owner = ?`, [...ids, token]);
    return new Set(rows.map((row) => String(row.id)));
  }

  /** Gives up the lease `token` holds on these deliveries, so whoever is woken for them may claim them. */
  async release(ids: string[], token: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.execute(`UPDATE webhook_deliveries SET lease_until = 0 WHERE id IN (${placeholders(ids.length)}) AND lease_owner = ? AND state = 'pending'`, [...ids, token]);
  }

  async getMany(ids: string[]): Promise<Map<string, DeliveryWithHook>> {
    const found = new Map<string, DeliveryWithHook>();
    if (ids.length === 0) return found;
    const rows = await this.db.query(
      `SELECT d.*, ${webhookColumnsAs('w', 'w_')} FROM webhook_deliveries d LEFT JOIN webhooks w ON w.id = d.hook_id WHERE d.id IN (${placeholders(ids.length)})`,
      ids,
    );
    for (const row of rows) {
      const hook = row.w_id === null || row.w_id === undefined ? undefined : webhookFromRow(row, 'w_');
      found.set(String(row.id), { delivery: deliveryFromRow(row), hook });
    }
    return found;
  }

  /** The delivery of the lane that goes next (pending, lowest seq), if any. */
  async laneHead(lane: string): Promise<string | undefined> {
    const rows = await this.db.query<{ id: string }>("SELECT id FROM webhook_deliveries WHERE lane = ? AND state = 'pending' ORDER BY seq LIMIT 1", [lane]);
    return rows[0] ? String(rows[0].id) : undefined;
  }

  /** The heads of several lanes at once; a lane with nothing pending is absent. */
  async laneHeads(lanes: string[]): Promise<Map<string, string>> {
    const heads = new Map<string, string>();
    if (lanes.length === 0) return heads;
    const rows = await this.db.query<{ lane: string; id: string }>(
      `SELECT d.lane, d.id FROM webhook_deliveries d
        WHERE d.lane IN (${placeholders(lanes.length)}) AND d.state = 'pending'
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.lane = d.lane AND e.state = 'pending' AND e.seq < d.seq)`,
      lanes,
    );
    for (const row of rows) heads.set(String(row.lane), String(row.id));
    return heads;
  }

  /**
   * How many deliveries each lane has pending; a lane with none is absent. Read from the
   * lane index alone, this is much cheaper than finding heads, and most lanes hold a
   * single delivery or none: only the others need `laneHeads`.
   */
  async pendingPerLane(lanes: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (lanes.length === 0) return counts;
    const rows = await this.db.query<{ lane: string; n: number }>(
      `SELECT lane, COUNT(*) AS n FROM webhook_deliveries WHERE lane IN (${placeholders(lanes.length)}) AND state = 'pending' GROUP BY lane`,
      lanes,
    );
    for (const row of rows) counts.set(String(row.lane), cell.int(row.n));
    return counts;
  }

  /**
   * Claims several deliveries in one statement; `token` must be unique to this call,
   * since it is how the rows this call won are told from those someone else holds.
   */
  async claimMany(ids: string[], token: string, leaseUntil: number, now: number): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const list = placeholders(ids.length);
    await this.db.execute(
      `UPDATE webhook_deliveries SET lease_until = ?, lease_owner = ? WHERE id IN (${list}) AND state = 'pending' AND lease_until <= ?`,
      [leaseUntil, token, ...ids, now],
    );
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE id IN (${list}) AND lease_owner = ?`, [...ids, token]);
    return new Set(rows.map((row) => String(row.id)));
  }

  /** Marks deliveries that succeeded on their current try as done. */
  async finishDone(ids: string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.execute(
      `UPDATE webhook_deliveries SET state = 'done', try_count = try_count + 1, lease_until = 0, finished_at = ?, last_error = NULL WHERE id IN (${placeholders(ids.length)})`,
      [now, ...ids],
    );
  }

  async finish(id: string, state: 'done' | 'failed', tryCount: number, now: number, error: string | null): Promise<void> {
    await this.db.execute('UPDATE webhook_deliveries SET state = ?, try_count = ?, lease_until = 0, finished_at = ?, last_error = ? WHERE id = ?', [
      state,
      tryCount,
      now,
      error === null ? null : error.slice(0, 1000),
      id,
    ]);
  }

  /** Releases the lease and sets when the next attempt is due (a delayed message will come then). */
  async scheduleRetry(id: string, tryCount: number, nextAttemptAt: number, error: string): Promise<void> {
    await this.db.execute(
      'UPDATE webhook_deliveries SET try_count = ?, next_attempt_at = ?, kicked_at = ?, lease_until = 0, last_error = ? WHERE id = ?',
      [tryCount, nextAttemptAt, nextAttemptAt, error.slice(0, 1000), id],
    );
  }

  /** Sets a delivery aside while its hook is disabled; re-enabling the hook resumes it. */
  async park(id: string): Promise<void> {
    await this.db.execute("UPDATE webhook_deliveries SET state = 'parked', lease_until = 0 WHERE id = ?", [id]);
  }

  /** Resumes a hook's parked deliveries with a fresh set of tries; returns the heads of their lanes. */
  async unpark(hookId: string, now: number): Promise<string[]> {
    await this.db.execute(
      "UPDATE webhook_deliveries SET state = 'pending', try_count = 0, next_attempt_at = ?, kicked_at = ?, lease_until = 0 WHERE hook_id = ? AND state = 'parked'",
      [now, now, hookId],
    );
    const rows = await this.db.query<{ lane: string }>("SELECT DISTINCT lane FROM webhook_deliveries WHERE hook_id = ? AND state = 'pending'", [hookId]);
    const heads: string[] = [];
    for (const row of rows) {
      const head = await this.laneHead(String(row.lane));
      if (head) heads.push(head);
    }
    return heads;
  }

  /**
   * Pending lane heads whose wake-up is overdue and that nobody holds: their message was
   * lost (a crash between commit and send, a dropped message, a lease that ran out).
   */
  async findStalled(now: number, overdueBefore: number, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT d.id FROM webhook_deliveries d
        WHERE d.state = 'pending' AND d.kicked_at <= ? AND d.lease_until <= ?
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.lane = d.lane AND e.state = 'pending' AND e.seq < d.seq)
        ORDER BY d.seq LIMIT ?`,
      [overdueBefore, now, limit],
    );
    return rows.map((row) => String(row.id));
  }

  async markKicked(ids: string[], at: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.execute(`UPDATE webhook_deliveries SET kicked_at = ? WHERE id IN (${placeholders(ids.length)})`, [at, ...ids]);
  }

  async countPending(): Promise<number> {
    const rows = await this.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE state = 'pending'");
    return cell.int(rows[0]?.n);
  }

  /** Deletes finished deliveries older than `before`; their de-duplication keys go with them. */
  async purgeFinished(before: number): Promise<number> {
    return (await this.db.execute("DELETE FROM webhook_deliveries WHERE state IN ('done', 'failed') AND finished_at < ?", [before])).affectedRows;
  }
}
