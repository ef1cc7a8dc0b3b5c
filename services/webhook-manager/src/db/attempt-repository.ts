import type { SqlDatabase, SqlParam } from '@voxmesh/store';
import type { Attempt } from '../contract.js';
import { bool, decodeCursor, encodeCursor, int, json, placeholders, text, type Row } from './sql.js';

export type NewAttempt = Omit<Attempt, 'id' | 'created_at'>;

const COLUMNS = [
  'account_id',
  'hook_id',
  'delivery_id',
  'event_id',
  'hook_event',
  'uri',
  'method',
  'req_headers',
  'req_body',
  'resp_status_code',
  'resp_headers',
  'resp_body',
  'result',
  'reason',
  'client_error',
  'try_number',
  'retries_left',
  'is_final',
  'created_at',
  'created_ms',
];

function attemptFromRow(row: Row): Attempt {
  const status = row.resp_status_code;
  return {
    id: String(row.seq),
    account_id: String(row.account_id),
    hook_id: text(row.hook_id),
    delivery_id: String(row.delivery_id),
    event_id: String(row.event_id),
    hook_event: String(row.hook_event),
    uri: String(row.uri),
    method: String(row.method),
    req_headers: json(row.req_headers, {}),
    req_body: String(row.req_body),
    resp_status_code: status === null || status === undefined ? null : int(status),
    resp_headers: row.resp_headers === null || row.resp_headers === undefined ? null : json(row.resp_headers, {}),
    resp_body: text(row.resp_body),
    result: String(row.result) as Attempt['result'],
    reason: text(row.reason),
    client_error: text(row.client_error),
    try: int(row.try_number),
    retries_left: int(row.retries_left),
    final: bool(row.is_final),
    created_at: String(row.created_at),
  };
}

export interface AttemptFilter {
  accountId: string;
  hookId?: string | undefined;
  result?: Attempt['result'] | undefined;
  pageSize: number;
  pageToken?: string | undefined;
}

interface AttemptCursor {
  s: number;
}
const isAttemptCursor = (value: unknown): value is AttemptCursor =>
  typeof value === 'object' && value !== null && Number.isSafeInteger((value as AttemptCursor).s);

/** The attempts log, newest first. */
export class AttemptRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insertMany(attempts: NewAttempt[], now: number): Promise<void> {
    if (attempts.length === 0) return;
    const createdAt = new Date(now).toISOString();
    const params = attempts.flatMap((a) => [
      a.account_id,
      a.hook_id,
      a.delivery_id,
      a.event_id,
      a.hook_event,
      a.uri,
      a.method,
      JSON.stringify(a.req_headers),
      a.req_body,
      a.resp_status_code,
      a.resp_headers === null ? null : JSON.stringify(a.resp_headers),
      a.resp_body,
      a.result,
      a.reason,
      a.client_error === null ? null : a.client_error.slice(0, 1000),
      a.try,
      a.retries_left,
      a.final ? 1 : 0,
      createdAt,
      now,
    ]);
    const rows = attempts.map(() => `(${placeholders(COLUMNS.length)})`).join(', ');
    await this.db.execute(`INSERT INTO webhook_attempts (${COLUMNS.join(', ')}) VALUES ${rows}`, params);
  }

  async list(filter: AttemptFilter): Promise<{ result: Attempt[]; next_page_token?: string }> {
    const before = decodeCursor(filter.pageToken, isAttemptCursor);
    const where = ['account_id = ?'];
    const params: SqlParam[] = [filter.accountId];
    if (filter.hookId !== undefined) {
      where.push('hook_id = ?');
      params.push(filter.hookId);
    }
    if (filter.result !== undefined) {
      where.push('result = ?');
      params.push(filter.result);
    }
    if (before) {
      where.push('seq < ?');
      params.push(before.s);
    }
    const rows = await this.db.query(`SELECT * FROM webhook_attempts WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`, [...params, filter.pageSize + 1]);
    const result = rows.slice(0, filter.pageSize).map(attemptFromRow);
    const last = rows[filter.pageSize - 1];
    return rows.length > filter.pageSize && last ? { result, next_page_token: encodeCursor({ s: int(last.seq) }) } : { result };
  }

  async purge(before: number): Promise<number> {
    return (await this.db.execute('DELETE FROM webhook_attempts WHERE created_ms < ?', [before])).affectedRows;
  }
}
