/**
 * The SQL seam. Repositories speak this interface and portable SQL (`?` placeholders,
 * TEXT for JSON, ISO strings for times); MySQL serves production and an embedded SQLite
 * (better-sqlite3, in a file or in memory) serves the one-command default.
 * Where the dialects part ways, a migration or a query can branch on `dialect`.
 */
export type SqlDialect = 'mysql' | 'sqlite';

export type SqlParam = string | number | boolean | null | undefined | Date;
export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  readonly dialect: SqlDialect;
  query<T extends SqlRow = SqlRow>(sql: string, params?: SqlParam[]): Promise<T[]>;
  /** Runs a statement; resolves with the number of rows it changed. */
  execute(sql: string, params?: SqlParam[]): Promise<{ affectedRows: number }>;
  /**
   * As `execute`, for a hot statement with few distinct texts: MySQL prepares it once per
   * connection and then takes the parameters in binary, neither escaped nor parsed.
   */
  executePrepared?(sql: string, params?: SqlParam[]): Promise<{ affectedRows: number }>;
}

export interface SqlDatabase extends SqlExecutor {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** A unique-key violation in either dialect, so repositories can answer 409. */
export function isDuplicateKey(error: unknown): boolean {
  const err = error as { code?: string; message?: string };
  return err?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed/.test(err?.message ?? '');
}
