import { VoipError } from '@voxmesh/wire';

/** MySQL answers TINYINT, SQLite integers; both mean a boolean here. */
export function bool(value: unknown): boolean {
  return value === true || Number(value) === 1;
}

export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

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
