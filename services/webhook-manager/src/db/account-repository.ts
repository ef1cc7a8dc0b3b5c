import { cell, equalities, jsonField, storedCamelFields, storedJson, type SqlDatabase } from '@voxmesh/store';
import { insertIgnore, placeholders, upsertSql } from './sql.js';

/** What this service keeps of an account. */
export interface AccountRecord {
  id: string;
  parentId: string | null;
  /** Every ancestor, root first, when the directory said so (Kazoo's pvt_tree). */
  tree: string[] | null;
  webhookUri: string | null;
  webhookMethod: string | null;
  webhookSecret: string | null;
  /** True once customer-manager told us of the account (not just a row holding a generated secret). */
  known: boolean;
  deleted: boolean;
  attemptFailureCount: number | null;
  attemptFailureExpiryMs: number | null;
  disableDisabler: boolean | null;
}

/** An account as customer-manager describes it. */
export interface DirectoryEntry {
  id: string;
  parentId: string | null;
  tree: string[] | null;
  webhookUri: string | null;
  webhookMethod: string | null;
  /** Undefined when the source did not say; a generated secret is then kept. */
  webhookSecret: string | undefined;
}

export interface SettingsPatch {
  attempt_failure_count?: number | null | undefined;
  attempt_failure_expiry_ms?: number | null | undefined;
  disable_disabler?: boolean | null | undefined;
}

const accountFields = storedCamelFields({
  id: cell.text,
  parent_id: cell.nullableText,
  tree: jsonField((value) => (value === null || value === undefined ? null : cell.jsonOr<string[] | null>(value, null))),
  webhook_uri: cell.nullableText,
  webhook_method: cell.nullableText,
  webhook_secret: cell.nullableText,
  known: cell.bool,
  deleted: cell.bool,
  attempt_failure_count: cell.nullableInt,
  attempt_failure_expiry_ms: cell.nullableInt,
  disable_disabler: cell.nullableBool,
});

export class AccountRepository {
  constructor(private readonly db: SqlDatabase) {}

  async get(id: string): Promise<AccountRecord | undefined> {
    const rows = await this.db.query('SELECT * FROM webhook_accounts WHERE id = ?', [id]);
    return rows[0] ? accountFields.read(rows[0]) : undefined;
  }

  /** Records what the directory says, keeping this service's own settings (and a generated secret when none is given). */
  async upsert(entry: DirectoryEntry, now: string): Promise<void> {
    const columns = ['id', 'parent_id', 'tree', 'webhook_uri', 'webhook_method', 'webhook_secret', 'secret_generated', 'known', 'deleted', 'updated_at'];
    const update = ['parent_id', 'tree', 'webhook_uri', 'webhook_method', 'known', 'deleted', 'updated_at'];
    if (entry.webhookSecret !== undefined) update.push('webhook_secret', 'secret_generated');
    await this.db.execute(upsertSql(this.db.dialect, 'webhook_accounts', columns, ['id'], update), [
      entry.id,
      entry.parentId,
      storedJson(entry.tree),
      entry.webhookUri,
      entry.webhookMethod,
      entry.webhookSecret ?? null,
      0,
      1,
      0,
      now,
    ]);
  }

  async markDeleted(id: string, now: string): Promise<void> {
    await this.db.execute('UPDATE webhook_accounts SET deleted = 1, updated_at = ? WHERE id = ?', [now, id]);
  }

  async childrenOf(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM webhook_accounts WHERE deleted = 0 AND parent_id IN (${placeholders(ids.length)})`, ids);
    return rows.map((row) => String(row.id));
  }

  /**
   * The account's signing secret. An account the directory has given no secret gets a
   * generated one, stored so every replica signs with the same; the first writer wins.
   */
  async ensureSecret(id: string, generated: string, now: string): Promise<string> {
    await this.db.execute(
      `${insertIgnore(this.db.dialect)} webhook_accounts (id, webhook_secret, secret_generated, known, deleted, updated_at) VALUES (?, ?, 1, 0, 0, ?)`,
      [id, generated, now],
    );
    await this.db.execute('UPDATE webhook_accounts SET webhook_secret = ?, secret_generated = 1 WHERE id = ? AND webhook_secret IS NULL', [generated, id]);
    const rows = await this.db.query<{ webhook_secret: string }>('SELECT webhook_secret FROM webhook_accounts WHERE id = ?', [id]);
    return String(rows[0]?.webhook_secret ?? generated);
  }

  async updateSettings(id: string, patch: SettingsPatch, now: string): Promise<void> {
    await this.db.execute(
      `${insertIgnore(this.db.dialect)} webhook_accounts (id, secret_generated, known, deleted, updated_at) VALUES (?, 0, 0, 0, ?)`,
      [id, now],
    );
    const { clauses: assignments, params } = equalities({
      attempt_failure_count: patch.attempt_failure_count,
      attempt_failure_expiry_ms: patch.attempt_failure_expiry_ms,
      disable_disabler: patch.disable_disabler === undefined || patch.disable_disabler === null ? patch.disable_disabler : patch.disable_disabler ? 1 : 0,
    });
    if (assignments.length === 0) return;
    await this.db.execute(`UPDATE webhook_accounts SET ${assignments.join(', ')}, updated_at = ? WHERE id = ?`, [...params, now, id]);
  }
}
