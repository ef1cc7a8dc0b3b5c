import { cell, fieldColumns, jsonColumn, RowMapping, type SqlExecutor } from '@voxmesh/store';

/** The scope of the system documents; account scopes are account ids (hex, never this). */
export const SYSTEM_SCOPE = 'system';

export interface ConfigRecord {
  config: Record<string, unknown>;
  updated: string;
}

/** One category's document for one scope. */
interface ConfigRow extends ConfigRecord {
  scope: string;
  category: string;
}

const configRows = new RowMapping<ConfigRow>({
  table: 'cm_configs',
  columns: [...fieldColumns<ConfigRow>(['scope', 'category']), jsonColumn('doc', (row) => row.config), ...fieldColumns<ConfigRow>(['updated'])],
  fromRow: (row) => ({ scope: cell.text(row.scope), category: cell.text(row.category), config: cell.json<Record<string, unknown>>(row.doc), updated: cell.text(row.updated) }),
});

const record = ({ config, updated }: ConfigRow): ConfigRecord => ({ config, updated });

export class ConfigRepository {
  constructor(private readonly db: SqlExecutor) {}

  async get(scope: string, category: string): Promise<ConfigRecord | undefined> {
    const row = await configRows.one(this.db, 'scope = ? AND category = ?', [scope, category]);
    return row && record(row);
  }

  async many(scopes: string[], category: string): Promise<Map<string, ConfigRecord>> {
    const found = new Map<string, ConfigRecord>();
    if (scopes.length === 0) return found;
    const marks = scopes.map(() => '?').join(', ');
    for (const row of await configRows.many(this.db, `WHERE category = ? AND scope IN (${marks})`, [category, ...scopes])) found.set(row.scope, record(row));
    return found;
  }

  /** Callers hold a transaction, so the read-then-write is not raced by another writer of the same row. */
  async put(scope: string, category: string, config: Record<string, unknown>, updated: string): Promise<void> {
    const row: ConfigRow = { scope, category, config, updated };
    const exists = (await this.db.query(`SELECT scope FROM cm_configs WHERE scope = ? AND category = ?`, [scope, category])).length > 0;
    if (exists) await configRows.update(this.db, row, ['doc', 'updated'], ['scope', 'category']);
    else await configRows.insert(this.db, row);
  }

  async delete(scope: string, category: string): Promise<boolean> {
    return (await this.db.execute(`DELETE FROM cm_configs WHERE scope = ? AND category = ?`, [scope, category])).affectedRows > 0;
  }

  async deleteScope(scope: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_configs WHERE scope = ?`, [scope]);
  }
}
