import { VoipError, parseJson } from '@voxmesh/wire';
import type { SqlParam } from './database.js';

/**
 * Keyset pagination on (tm_create, id), newest first, for any table with those columns:
 * the token is the last row's key, so pages stay stable while rows are added and two
 * rows made in the same millisecond are neither skipped nor repeated.
 */
export interface Page {
  size: number;
  token: string | undefined;
}

export const DEFAULT_PAGE_SIZE = 100;

export function encodeToken(tmCreate: string, id: string): string {
  return Buffer.from(JSON.stringify([tmCreate, id])).toString('base64url');
}

export function decodeToken(token: string): [string, string] {
  try {
    const value = parseJson(Buffer.from(token, 'base64url')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // fall through
  }
  // voipbin's token is a bare tm_create; take it as one.
  if (/^\d{4}-\d{2}-\d{2}/.test(token)) return [token, '\uffff'];
  throw VoipError.invalidArgument('query.page_token', 'page_token is not one this service gave out');
}

/** Appends the page's condition and order to a WHERE clause's parts. */
export function pageClause(page: Page, where: string[], params: SqlParam[]): string {
  if (page.token !== undefined && page.token !== '') {
    const [tm, id] = decodeToken(page.token);
    where.push('(tm_create < ? OR (tm_create = ? AND id < ?))');
    params.push(tm, tm, id);
  }
  params.push(page.size + 1);
  return `${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY tm_create DESC, id DESC LIMIT ?`;
}

/** Cuts the extra row a page query fetched and makes the next token from it. */
export function pageOf<T extends { tm_create: string; id: string }>(rows: T[], size: number): { result: T[]; next_page_token: string } {
  if (rows.length <= size) return { result: rows, next_page_token: '' };
  const result = rows.slice(0, size);
  const last = result[result.length - 1]!;
  return { result, next_page_token: encodeToken(last.tm_create, last.id) };
}
