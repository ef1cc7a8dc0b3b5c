import type { SqlDatabase, SqlExecutor } from '@voxmesh/store';
import type { Webhook } from '../contract.js';
import { bool, decodeCursor, encodeCursor, int, json, placeholders, text, type Row } from './sql.js';

const COLUMNS = [
  'id',
  'account_id',
  'name',
  'uri',
  'http_verb',
  'hook',
  'retries',
  'custom_data',
  'include_subaccounts',
  'include_internal_legs',
  'enabled',
  'format',
  'modifiers',
  'log_successful_attempts',
  'disable_reason',
  'disabled_at',
  'created_at',
  'updated_at',
] as const;

export function webhookFromRow(row: Row, prefix = ''): Webhook {
  const get = (column: string) => row[`${prefix}${column}`];
  return {
    id: String(get('id')),
    account_id: String(get('account_id')),
    name: String(get('name')),
    uri: String(get('uri')),
    http_verb: String(get('http_verb')) as Webhook['http_verb'],
    hook: String(get('hook')) as Webhook['hook'],
    retries: int(get('retries')),
    custom_data: json(get('custom_data'), {}),
    include_subaccounts: bool(get('include_subaccounts')),
    include_internal_legs: bool(get('include_internal_legs')),
    enabled: bool(get('enabled')),
    format: String(get('format')) as Webhook['format'],
    modifiers: json(get('modifiers'), {}),
    log_successful_attempts: bool(get('log_successful_attempts')),
    disable_reason: text(get('disable_reason')),
    disabled_at: text(get('disabled_at')),
    created_at: String(get('created_at')),
    updated_at: String(get('updated_at')),
  };
}

function values(hook: Webhook): (string | number | null)[] {
  return [
    hook.id,
    hook.account_id,
    hook.name,
    hook.uri,
    hook.http_verb,
    hook.hook,
    hook.retries,
    JSON.stringify(hook.custom_data),
    hook.include_subaccounts ? 1 : 0,
    hook.include_internal_legs ? 1 : 0,
    hook.enabled ? 1 : 0,
    hook.format,
    JSON.stringify(hook.modifiers),
    hook.log_successful_attempts ? 1 : 0,
    hook.disable_reason,
    hook.disabled_at,
    hook.created_at,
    hook.updated_at,
  ];
}

/** The webhook columns under a prefix, for joins (`w.enabled AS w_enabled`, …). */
export function webhookColumnsAs(alias: string, prefix: string): string {
  return COLUMNS.map((column) => `${alias}.${column} AS ${prefix}${column}`).join(', ');
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
    await this.db.execute(`INSERT INTO webhooks (${COLUMNS.join(', ')}) VALUES (${placeholders(COLUMNS.length)})`, values(hook));
  }

  async replace(hook: Webhook, executor: SqlExecutor = this.db): Promise<void> {
    const assignments = COLUMNS.filter((column) => column !== 'id').map((column) => `${column} = ?`);
    const [, ...rest] = values(hook);
    await executor.execute(`UPDATE webhooks SET ${assignments.join(', ')} WHERE id = ?`, [...rest, hook.id]);
  }

  async get(id: string): Promise<Webhook | undefined> {
    const rows = await this.db.query(`SELECT * FROM webhooks WHERE id = ?`, [id]);
    return rows[0] ? webhookFromRow(rows[0]) : undefined;
  }

  /** Several hooks as they are now, by id; a deleted one is absent. */
  async getMany(ids: string[]): Promise<Map<string, Webhook>> {
    const found = new Map<string, Webhook>();
    if (ids.length === 0) return found;
    const rows = await this.db.query(`SELECT * FROM webhooks WHERE id IN (${placeholders(ids.length)})`, ids);
    for (const row of rows) found.set(String(row.id), webhookFromRow(row));
    return found;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db.execute('DELETE FROM webhooks WHERE id = ?', [id])).affectedRows > 0;
  }

  /** One account's hooks in creation order, a page at a time. */
  async list(accountId: string, pageSize: number, pageToken: string | undefined): Promise<{ result: Webhook[]; next_page_token?: string }> {
    const after = decodeCursor(pageToken, isListCursor);
    const rows = after
      ? await this.db.query(
          'SELECT * FROM webhooks WHERE account_id = ? AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?',
          [accountId, after.c, after.c, after.i, pageSize + 1],
        )
      : await this.db.query('SELECT * FROM webhooks WHERE account_id = ? ORDER BY created_at, id LIMIT ?', [accountId, pageSize + 1]);
    const hooks = rows.slice(0, pageSize).map((row) => webhookFromRow(row));
    const last = hooks[hooks.length - 1];
    return rows.length > pageSize && last ? { result: hooks, next_page_token: encodeCursor({ c: last.created_at, i: last.id }) } : { result: hooks };
  }

  /** The enabled hooks of several accounts, by account. */
  async enabledOf(accountIds: string[]): Promise<Map<string, Webhook[]>> {
    const byAccount = new Map<string, Webhook[]>();
    if (accountIds.length === 0) return byAccount;
    const rows = await this.db.query(`SELECT * FROM webhooks WHERE enabled = 1 AND account_id IN (${placeholders(accountIds.length)}) ORDER BY created_at, id`, accountIds);
    for (const row of rows) {
      const hook = webhookFromRow(row);
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
    const rows = await this.db.query(
      `SELECT * FROM webhooks WHERE enabled = 0 AND disable_reason IS NOT NULL AND account_id IN (${placeholders(accountIds.length)}) ORDER BY created_at, id`,
      accountIds,
    );
    return rows.map((row) => webhookFromRow(row));
  }

  async countAutoDisabled(): Promise<number> {
    const rows = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM webhooks WHERE enabled = 0 AND disable_reason IS NOT NULL');
    return int(rows[0]?.n);
  }
}
