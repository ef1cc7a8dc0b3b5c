import mysql from 'mysql2/promise';
import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import type { SqlDatabase, SqlExecutor, SqlParam, SqlRow } from './database.js';

export interface MysqlOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  connectionLimit?: number;
  /** Callers that may wait for a free connection before more are refused; 0 for no limit. */
  queueLimit?: number;
  connectTimeoutMs?: number;
  /** Unused connections kept open; those beyond it are closed after `idleTimeoutMs`. */
  maxIdle?: number;
  idleTimeoutMs?: number;
}

function normalize(params: SqlParam[] | undefined): unknown[] {
  return (params ?? []).map((value) => (value === undefined ? null : value));
}

class MysqlExecutor implements SqlExecutor {
  readonly dialect = 'mysql' as const;
  constructor(protected readonly target: Pool | PoolConnection) {}

  async query<T extends SqlRow = SqlRow>(sql: string, params?: SqlParam[]): Promise<T[]> {
    const [rows] = await this.target.query(sql, normalize(params));
    return rows as T[];
  }

  async execute(sql: string, params?: SqlParam[]): Promise<{ affectedRows: number }> {
    const [result] = await this.target.query(sql, normalize(params));
    return { affectedRows: (result as ResultSetHeader).affectedRows ?? 0 };
  }

  async executePrepared(sql: string, params?: SqlParam[]): Promise<{ affectedRows: number }> {
    const [result] = await this.target.execute(sql, normalize(params) as never);
    return { affectedRows: (result as ResultSetHeader).affectedRows ?? 0 };
  }
}

export class MysqlDatabase extends MysqlExecutor implements SqlDatabase {
  private constructor(private readonly pool: Pool) {
    super(pool);
  }

  /** Creates the database when it is missing, then opens a pool on it. */
  static async open(options: MysqlOptions): Promise<MysqlDatabase> {
    const bootstrap = await mysql.createConnection({
      host: options.host,
      port: options.port,
      user: options.user,
      password: options.password,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
    });
    try {
      await bootstrap.query(`CREATE DATABASE IF NOT EXISTS \`${options.database.replace(/`/g, '``')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    } finally {
      await bootstrap.end();
    }
    const pool = mysql.createPool({
      host: options.host,
      port: options.port,
      user: options.user,
      password: options.password,
      database: options.database,
      connectionLimit: options.connectionLimit ?? 10,
      queueLimit: options.queueLimit ?? 0,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      idleTimeout: options.idleTimeoutMs ?? 60_000,
      maxIdle: options.maxIdle ?? options.connectionLimit ?? 10,
      // Times stay strings and JSON stays text, exactly as the embedded database returns them.
      dateStrings: true,
      supportBigNumbers: true,
      charset: 'utf8mb4',
    });
    return new MysqlDatabase(pool);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const connection = await this.pool.getConnection();
    try {
      await connection.beginTransaction();
      const result = await work(new MysqlExecutor(connection));
      await connection.commit();
      return result;
    } catch (error) {
      await connection.rollback().catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  /** Holds a named server-side lock around `work` (used so replicas migrate one at a time). */
  async withNamedLock<T>(name: string, timeoutSeconds: number, work: () => Promise<T>): Promise<T> {
    const connection = await this.pool.getConnection();
    try {
      const [rows] = await connection.query('SELECT GET_LOCK(?, ?) AS got', [name, timeoutSeconds]);
      if ((rows as { got: number }[])[0]?.got !== 1) throw new Error(`could not take lock ${name} within ${timeoutSeconds} s`);
      try {
        return await work();
      } finally {
        await connection.query('SELECT RELEASE_LOCK(?)', [name]);
      }
    } finally {
      connection.release();
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
