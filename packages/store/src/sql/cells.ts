import { parseJson } from '@voxmesh/wire';

/**
 * A row's cells as MySQL and SQLite hand them back (TINYINT or integer for booleans,
 * strings or numbers for numbers, TEXT for JSON), read into what a record holds. Stored
 * JSON is parsed here and nowhere else.
 */
export const cell = {
  /** Null as the empty string. */
  text(value: unknown): string {
    return value === null || value === undefined ? '' : String(value);
  },

  nullableText(value: unknown): string | null {
    return value === null || value === undefined ? null : String(value);
  },

  bool(value: unknown): boolean {
    return value === true || Number(value) === 1;
  },

  /** Null as 0. */
  int(value: unknown): number {
    return Number(value ?? 0);
  },

  nullableInt(value: unknown): number | null {
    return value === null || value === undefined ? null : Number(value);
  },

  nullableBool(value: unknown): boolean | null {
    return value === null || value === undefined ? null : cell.bool(value);
  },

  /** A JSON column this service wrote; text that is not JSON is an error. */
  json<T>(value: unknown): T {
    return parseStored(String(value)) as T;
  },

  /** A JSON column that may be empty, missing or damaged: `fallback` then. */
  jsonOr<T>(value: unknown, fallback: T): T {
    if (typeof value !== 'string' || value === '') return fallback;
    try {
      return parseStored(value) as T;
    } catch {
      return fallback;
    }
  },
};

/** What a JSON column stores for a value; null for none. */
export function storedJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Through the one reader of outside JSON: a row may hold what a client once sent. */
function parseStored(text: string): unknown {
  return parseJson(text);
}
