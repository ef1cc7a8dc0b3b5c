import type { Logger } from '@voxmesh/telemetry';
import type { SqlDatabase, SqlDialect } from './database.js';
import { MysqlDatabase } from './mysql-database.js';

/**
 * A versioned schema change. `sql` holds statements separated by `;` at line ends; give
 * one per dialect when MySQL and SQLite need different text.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string | Record<SqlDialect, string>;
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  service VARCHAR(64) NOT NULL,
  version INT NOT NULL,
  name VARCHAR(255) NOT NULL,
  applied_at VARCHAR(32) NOT NULL,
  PRIMARY KEY (service, version)
)`;

export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/**
 * Applies the service's migrations not yet recorded, in version order. On MySQL a named
 * lock makes replicas that start together take turns instead of racing.
 */
export async function migrate(db: SqlDatabase, service: string, migrations: Migration[], logger: Logger): Promise<number> {
  const versions = migrations.map((migration) => migration.version);
  if (new Set(versions).size !== versions.length) throw new Error(`${service}: two migrations share a version`);
  const run = async () => {
    await db.execute(LEDGER);
    const applied = new Set(
      (await db.query<{ version: number }>('SELECT version FROM schema_migrations WHERE service = ?', [service])).map((row) => Number(row.version)),
    );
    let count = 0;
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      const text = typeof migration.sql === 'string' ? migration.sql : migration.sql[db.dialect];
      for (const statement of splitStatements(text)) await db.execute(statement);
      await db.execute('INSERT INTO schema_migrations (service, version, name, applied_at) VALUES (?, ?, ?, ?)', [
        service,
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      logger.info({ service, version: migration.version, name: migration.name }, 'migration applied');
      count++;
    }
    return count;
  };
  return db instanceof MysqlDatabase ? db.withNamedLock(`migrate:${service}`, 60, run) : run();
}
