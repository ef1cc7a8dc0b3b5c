import { VoipError, parseJson } from '@voxmesh/wire';
import type { SqlDialect } from '@voxmesh/store';

/** The few places MySQL and SQLite spell things differently. */
export function insertIgnore(dialect: SqlDialect): string {
  return dialect === 'mysql' ? 'INSERT IGNORE INTO' : 'INSERT OR IGNORE INTO';
}

/** `INSERT … ON DUPLICATE KEY UPDATE` (MySQL) or `… ON CONFLICT DO UPDATE` (SQLite). */
export function upsertSql(dialect: SqlDialect, table: string, columns: string[], key: string[], update: string[]): string {
  const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  if (dialect === 'mysql') return `${insert} ON DUPLICATE KEY UPDATE ${update.map((column) => `${column} = VALUES(${column})`).join(', ')}`;
  return `${insert} ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${update.map((column) => `${column} = excluded.${column}`).join(', ')}`;
}

/** Placeholder lists by length: the hot statements ask for the same few lengths over and over. */
const placeholderLists: string[] = [];

export function placeholders(count: number): string {
  let list = placeholderLists[count];
  if (list === undefined) {
    list = Array.from({ length: count }, () => '?').join(', ');
    if (count <= 1000) placeholderLists[count] = list;
  }
  return list;
}

/**
 * Page tokens are opaque to callers (base64url JSON) so the key behind them can change;
 * a token that does not decode is the caller's mistake: 400 naming `page_token`.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(token: string | undefined, check: (value: unknown) => value is T): T | undefined {
  if (token === undefined || token === '') return undefined;
  let value: unknown;
  try {
    value = parseJson(Buffer.from(token, 'base64url'));
  } catch {
    throw VoipError.invalidArgument('query.page_token', 'page_token is not one this service issued');
  }
  if (!check(value)) throw VoipError.invalidArgument('query.page_token', 'page_token is not one this service issued');
  return value;
}
