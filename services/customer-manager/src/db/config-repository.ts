import type { SqlExecutor } from '@voxmesh/store';
import { parseJson } from '@voxmesh/wire';
import { text } from './rows.js';

/** The scope of the system documents; account scopes are account ids (hex, never this). */
export const SYSTEM_SCOPE = 'system';

export interface ConfigRecord {
  config: Record<string, unknown>;
  updated: string;
}

export class ConfigRepository {
  constructor(private readonly db: SqlExecutor) {}

  async get(scope: string, category: string): Promise<ConfigRecord | undefined> {
    const rows = await this.db.query(`SELECT doc, updated FROM cm_configs WHERE scope = ? AND category = ?`, [scope, category]);
    const row = rows[0];
    if (!row) return undefined;
    return { config: parseJson(text(row.doc)) as Record<string, unknown>, updated: text(row.updated) };
  }

  async many(scopes: string[], category: string): Promise<Map<string, ConfigRecord>> {
    const found = new Map<string, ConfigRecord>();
    if (scopes.length === 0) return found;
    const marks = scopes.map(() => '?').join(', ');
    const rows = await this.db.query(`SELECT scope, doc, updated FROM cm_configs WHERE category = ? AND scope IN (${marks})`, [category, ...scopes]);
    for (const row of rows) found.set(text(row.scope), { config: parseJson(text(row.doc)) as Record<string, unknown>, updated: text(row.updated) });
    return found;
  }

  /** Callers hold a transaction, so the read-then-write is not raced by another writer of the same row. */
  async put(scope: string, category: string, config: Record<string, unknown>, updated: string): Promise<void> {
    const exists = (await this.db.query(`SELECT scope FROM cm_configs WHERE scope = ? AND category = ?`, [scope, category])).length > 0;
    if (exists) {
      await this.db.execute(`UPDATE cm_configs SET doc = ?, updated = ? WHERE scope = ? AND category = ?`, [JSON.stringify(config), updated, scope, category]);
    } else {
      await this.db.execute(`INSERT INTO cm_configs (scope, category, doc, updated) VALUES (?, ?, ?, ?)`, [scope, category, JSON.stringify(config), updated]);
    }
  }

  async delete(scope: string, category: string): Promise<boolean> {
    return (await this.db.execute(`DELETE FROM cm_configs WHERE scope = ? AND category = ?`, [scope, category])).affectedRows > 0;
  }

  async deleteScope(scope: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_configs WHERE scope = ?`, [scope]);
  }
}
