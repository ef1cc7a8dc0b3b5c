import type { RowMapping, SqlExecutor } from '@voxmesh/store';
import { VoipError } from '@voxmesh/wire';

export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Crossbar's start_key is opaque to clients: the id the page starts at, in URL-safe
 * Base64. A key that does not decode to an id is the client's mistake (400).
 */
export function encodeStartKey(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeStartKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const id = Buffer.from(key, 'base64url').toString('utf8');
  if (!/^[0-9a-f]{32}$/.test(id)) throw VoipError.invalidArgument('query.start_key', 'start_key is not one this service gave out');
  return id;
}

export interface Page<T> {
  result: T[];
  next_start_key?: string;
}

/** Rows were fetched with one extra to learn whether a next page exists. */
export function pageFrom<R, T>(rows: R[], size: number, idOf: (row: R) => string, map: (row: R) => T): Page<T> {
  const page: Page<T> = { result: rows.slice(0, size).map(map) };
  const next = rows[size];
  if (next !== undefined) page.next_start_key = encodeStartKey(idOf(next));
  return page;
}

/** Rows that belong to an account and are found by id within it: users, devices, API keys. */
export class AccountOwnedRows<R extends { id: string; account_id: string }> {
  constructor(
    protected readonly db: SqlExecutor,
    protected readonly rows: RowMapping<R>,
  ) {}

  async insert(record: R): Promise<void> {
    await this.rows.insert(this.db, record);
  }

  get(accountId: string, id: string): Promise<R | undefined> {
    return this.rows.one(this.db, 'id = ? AND account_id = ?', [id, accountId]);
  }

  async delete(accountId: string, id: string): Promise<void> {
    await this.db.execute(`DELETE FROM ${this.rows.table} WHERE id = ? AND account_id = ?`, [id, accountId]);
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM ${this.rows.table} WHERE account_id = ?`, [accountId]);
  }

  /** Writes the columns in `set` of the account's row with the record's id. */
  protected async rewrite(record: R, set: readonly string[]): Promise<void> {
    await this.rows.update(this.db, record, set, ['id', 'account_id']);
  }

  /** One page of the account's rows in id order, from the page's start key on. */
  protected async page<T>(accountId: string, size: number, startKey: string | undefined, map: (record: R) => T): Promise<Page<T>> {
    const from = decodeStartKey(startKey) ?? '';
    const records = await this.rows.many(this.db, 'WHERE account_id = ? AND id >= ? ORDER BY id LIMIT ?', [accountId, from, size + 1]);
    return pageFrom(records, size, (record) => record.id, map);
  }
}
