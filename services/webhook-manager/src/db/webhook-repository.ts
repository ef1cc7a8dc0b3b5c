import { cell, fieldColumns, jsonColumn, RowMapping, type SqlDatabase, type SqlExecutor, type SqlRow as Row } from '@voxmesh/store';
import type { Webhook } from '../contract.js';
import { decodeCursor, encodeCursor, placeholders } from './sql.js';

/**
 * A hook from its row, or from a join's with its columns under `prefix`. Written out
 * field by field rather than from a list: every delivery attempt reads one, and an
 * object literal is several times cheaper to build than a loop over the columns.
 */
export function webhookFromRow(row: Row, prefix = ''): Webhook {
  const get = (column: string) => row[`${prefix}${column}`];
  return {
    id: cell.text(get('id')),
    account_id: cell.text(get('account_id')),
    name: cell.text(get('name')),
    uri: cell.text(get('uri')),
    http_verb: cell.text(get('http_verb')) as Webhook['http_verb'],
    hook: cell.text(get('hook')) as Webhook['hook'],
    retries: cell.int(get('retries')),
    custom_data: cell.jsonOr(get('custom_data'), {}),
    include_subaccounts: cell.bool(get('include_subaccounts')),
    include_internal_legs: cell.bool(get('include_internal_legs')),
    enabled: cell.bool(get('enabled')),
    format: cell.text(get('format')) as Webhook['format'],
    modifiers: cell.jsonOr(get('modifiers'), {}),
    log_successful_attempts: cell.bool(get('log_successful_attempts')),
    disable_reason: cell.nullableText(get('disable_reason')),
    disabled_at: cell.nullableText(get('disabled_at')),
    created_at: cell.text(get('created_at')),
    updated_at: cell.text(get('updated_at')),
  };
}

const webhookRows = new RowMapping<Webhook>({
  table: 'webhooks',
  columns: [
    ...fieldColumns<Webhook>(['id', 'account_id', 'name', 'uri', 'http_verb', 'hook', 'retries', 'include_subaccounts', 'include_internal_legs', 'enabled', 'format']),
    ...fieldColumns<Webhook>(['log_successful_attempts', 'disable_reason', 'disabled_at', 'created_at', 'updated_at']),
    jsonColumn('custom_data', (hook) => hook.custom_data),
    jsonColumn('modifiers', (hook) => hook.modifiers),
  ],
  fromRow: (row) => webhookFromRow(row),
});

const MUTABLE = webhookRows.columns.map((column) => column.name).filter((name) => name !== 'id');

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
