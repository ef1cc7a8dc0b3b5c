import { cell, equalities, jsonField, storedFields, type SqlDatabase, type SqlParam, type SqlRow as Row } from '@voxmesh/store';
import type { Attempt } from '../contract.js';
import { decodeCursor, encodeCursor, placeholders } from './sql.js';

export type NewAttempt = Omit<Attempt, 'id' | 'created_at'>;

type HeaderMap = Attempt['req_headers'];

/** The fields of an attempt kept in columns of their own names; `id` is the row's `seq`, `try` its `try_number`. */
const attemptFields = storedFields({
  account_id: cell.text,
  hook_id: cell.nullableText,
  delivery_id: cell.text,
  event_id: cell.text,
  hook_event: cell.text,
  uri: cell.text,
  method: cell.text,
  req_headers: jsonField((value) => cell.jsonOr<HeaderMap>(value, {})),
  req_body: cell.text,
  resp_status_code: cell.nullableInt,
  resp_headers: jsonField((value) => (value === null || value === undefined ? null : cell.jsonOr<HeaderMap>(value, {}))),
  resp_body: cell.nullableText,
  result: (value) => cell.text(value) as Attempt['result'],
  reason: cell.nullableText,
  client_error: cell.nullableText,
  retries_left: cell.int,
  created_at: cell.text,
});

const INSERT_COLUMNS = [...attemptFields.columns.map((column) => column.name), 'try_number', 'is_final', 'created_ms'];

function attemptFromRow(row: Row): Attempt {
  return { ...attemptFields.read(row), id: cell.text(row.seq), try: cell.int(row.try_number), final: cell.bool(row.is_final) };
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
    const params: SqlParam[] = [];
    for (const attempt of attempts) {
      const stored = { ...attempt, client_error: attempt.client_error === null ? null : attempt.client_error.slice(0, 1000), created_at: createdAt };
      for (const column of attemptFields.columns) params.push(column.value(stored));
      params.push(attempt.try, attempt.final ? 1 : 0, now);
    }
    const rows = attempts.map(() => `(${placeholders(INSERT_COLUMNS.length)})`).join(', ');
    await this.db.execute(`INSERT INTO webhook_attempts (${INSERT_COLUMNS.join(', ')}) VALUES ${rows}`, params);
  }

  async list(filter: AttemptFilter): Promise<{ result: Attempt[]; next_page_token?: string }> {
    const before = decodeCursor(filter.pageToken, isAttemptCursor);
    const { clauses: where, params } = equalities({ account_id: filter.accountId, hook_id: filter.hookId, result: filter.result });
    if (before) {
      where.push('seq < ?');
      params.push(before.s);
    }
    const rows = await this.db.query(`SELECT * FROM webhook_attempts WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`, [...params, filter.pageSize + 1]);
    const result = rows.slice(0, filter.pageSize).map(attemptFromRow);
    const last = rows[filter.pageSize - 1];
    return rows.length > filter.pageSize && last ? { result, next_page_token: encodeCursor({ s: cell.int(last.seq) }) } : { result };
  }

  async purge(before: number): Promise<number> {
    return (await this.db.execute('DELETE FROM webhook_attempts WHERE created_ms < ?', [before])).affectedRows;
  }
}
