import { cell, jsonField, RowMapping, storedFields, type SqlDatabase, type SqlExecutor, type SqlRow as Row } from '@voxmesh/store';
import type { Webhook } from '../contract.js';
import { decodeCursor, encodeCursor, placeholders } from './sql.js';

const webhookFields = storedFields({
  id: cell.text,
  account_id: cell.text,
  name: cell.text,
  uri: cell.text,
  http_verb: (value) => cell.text(value) as Webhook['http_verb'],
  hook: (value) => cell.text(value) as Webhook['hook'],
  retries: cell.int,
  custom_data: jsonField((value) => cell.jsonOr<Webhook['custom_data']>(value, {})),
  include_subaccounts: cell.bool,
  include_internal_legs: cell.bool,
  enabled: cell.bool,
  format: (value) => cell.text(value) as Webhook['format'],
  modifiers: jsonField((value) => cell.jsonOr<Webhook['modifiers']>(value, {})),
  log_successful_attempts: cell.bool,
  disable_reason: cell.nullableText,
  disabled_at: cell.nullableText,
  created_at: cell.text,
  updated_at: cell.text,
});

const webhookRows = new RowMapping<Webhook>({ table: 'webhooks', columns: webhookFields.columns, fromRow: (row) => webhookFields.read(row) });

const MUTABLE = webhookFields.columns.map((column) => column.name).filter((name) => name !== 'id');

/** A hook read from a join, its columns under `prefix` (see `webhookColumnsAs`). */
export function webhookFromRow(row: Row, prefix: string): Webhook {
  return webhookFields.read(row, prefix);
}

/** The webhook columns under a prefix, for joins (`w.enabled AS w_enabled`, …). */
export function webhookColumnsAs(alias: string, prefix: string): string {
  return webhookRows.columns.map((column) => `${alias}.${column.name} AS ${prefix}${column.name}`).join(', ');
}

interface ListCursor {
  c: string;
  i: string;
}
const isListCursor = (value: unknown): value is ListCursor =>
  typeof value === 'object' && value !== null && typeof (value as ListCursor).c === 'string' && typeof (value as ListCursor).i === 'string';

export class WebhookRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insert(hook: Webhook): Promise<void> {
    await webhookRows.insert(this.db, hook);
  }

  async replace(hook: Webhook, executor: SqlExecutor = this.db): Promise<void> {
    await webhookRows.update(executor, hook, MUTABLE, ['id']);
  }

  get(id: string): Promise<Webhook | undefined> {
    return webhookRows.one(this.db, 'id = ?', [id]);
  }

  /** Several hooks as they are now, by id; a deleted one is absent. */
  async getMany(ids: string[]): Promise<Map<string, Webhook>> {
    const found = new Map<string, Webhook>();
    if (ids.length === 0) return found;
    for (const hook of await webhookRows.many(this.db, `WHERE id IN (${placeholders(ids.length)})`, ids)) found.set(hook.id, hook);
    return found;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db.execute('DELETE FROM webhooks WHERE id = ?', [id])).affectedRows > 0;
  }

  /** One account's hooks in creation order, a page at a time. */
  async list(accountId: string, pageSize: number, pageToken: string | undefined): Promise<{ result: Webhook[]; next_page_token?: string }> {
    const after = decodeCursor(pageToken, isListCursor);
    const rows = after
      ? await webhookRows.many(this.db, 'WHERE account_id = ? AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?', [
          accountId,
          after.c,
          after.c,
          after.i,
          pageSize + 1,
        ])
      : await webhookRows.many(this.db, 'WHERE account_id = ? ORDER BY created_at, id LIMIT ?', [accountId, pageSize + 1]);
    const hooks = rows.slice(0, pageSize);
    const last = hooks[hooks.length - 1];
    return rows.length > pageSize && last ? { result: hooks, next_page_token: encodeCursor({ c: last.created_at, i: last.id }) } : { result: hooks };
  }

  /** The enabled hooks of several accounts, by account. */
  async enabledOf(accountIds: string[]): Promise<Map<string, Webhook[]>> {
    const byAccount = new Map<string, Webhook[]>();
    if (accountIds.length === 0) return byAccount;
    const hooks = await webhookRows.many(this.db, `WHERE enabled = 1 AND account_id IN (${placeholders(accountIds.length)}) ORDER BY created_at, id`, accountIds);
    for (const hook of hooks) {
      byAccount.set(hook.account_id, [...(byAccount.get(hook.account_id) ?? []), hook]);
    }
    return byAccount;
  }

  /** Turns a hook off unless it already is; true only for the caller that turned it off. */
  async disableIfEnabled(id: string, reason: string, at: string): Promise<boolean> {
    const result = await this.db.execute('UPDATE webhooks SET enabled = 0, disable_reason = ?, disabled_at = ?, updated_at = ? WHERE id = ? AND enabled = 1', [
      reason,
      at,
      at,
      id,
    ]);
    return result.affectedRows > 0;
  }

  /** The hooks the disabler turned off, in these accounts. */
  async autoDisabled(accountIds: string[]): Promise<Webhook[]> {
    if (accountIds.length === 0) return [];
    return webhookRows.many(
      this.db,
      `WHERE enabled = 0 AND disable_reason IS NOT NULL AND account_id IN (${placeholders(accountIds.length)}) ORDER BY created_at, id`,
      accountIds,
    );
  }

  async countAutoDisabled(): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM webhooks WHERE enabled = 0 AND disable_reason IS NOT NULL');
    return cell.int(rows[0]?.n);
  }
}
