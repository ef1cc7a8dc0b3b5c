import type { customerManager } from '@voxmesh/contracts';
import type { SqlExecutor, SqlRow } from '@voxmesh/store';
import { bool, decodeStartKey, nullableText, pageFrom, text, type Page } from './rows.js';

type AccountDoc = customerManager.AccountDoc;

/** An account row with its tree as ids, root first, ending with the account itself. */
export interface AccountRecord {
  id: string;
  parentId: string | null;
  /** Ancestors and the account, root first. */
  path: string[];
  name: string;
  realm: string;
  resellerId: string | null;
  isReseller: boolean;
  enabled: boolean;
  timezone: string;
  language: string;
  webhookUri: string | null;
  webhookMethod: string | null;
  webhookSecret: string;
  created: string;
  updated: string;
}

export function toDoc(record: AccountRecord): AccountDoc {
  return {
    id: record.id,
    name: record.name,
    realm: record.realm,
    parent_id: record.parentId,
    tree: record.path.slice(0, -1),
    reseller_id: record.resellerId,
    is_reseller: record.isReseller,
    enabled: record.enabled,
    timezone: record.timezone,
    language: record.language,
    webhook_uri: record.webhookUri,
    webhook_method: record.webhookMethod,
    webhook_secret: record.webhookSecret,
    created: record.created,
    updated: record.updated,
  };
}

function pathText(path: string[]): string {
  return `/${path.join('/')}/`;
}

function fromRow(row: SqlRow): AccountRecord {
  return {
    id: text(row.id),
    parentId: nullableText(row.parent_id),
    path: text(row.path).split('/').filter((part) => part.length > 0),
    name: text(row.name),
    realm: text(row.realm),
    resellerId: nullableText(row.reseller_id),
    isReseller: bool(row.is_reseller),
    enabled: bool(row.enabled),
    timezone: text(row.timezone),
    language: text(row.language),
    webhookUri: nullableText(row.webhook_uri),
    webhookMethod: nullableText(row.webhook_method),
    webhookSecret: text(row.webhook_secret),
    created: text(row.created),
    updated: text(row.updated),
  };
}

const COLUMNS =
  'id, parent_id, path, name, name_lower, realm, reseller_id, is_reseller, enabled, timezone, language, webhook_uri, webhook_method, webhook_secret, created, updated';

export class AccountRepository {
  constructor(private readonly db: SqlExecutor) {}

  withExecutor(db: SqlExecutor): AccountRepository {
    return new AccountRepository(db);
  }

  async insert(record: AccountRecord): Promise<void> {
    await this.db.execute(`INSERT INTO cm_accounts (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      record.id,
      record.parentId,
      pathText(record.path),
      record.name,
      record.name.toLowerCase(),
      record.realm,
      record.resellerId,
      record.isReseller ? 1 : 0,
      record.enabled ? 1 : 0,
      record.timezone,
      record.language,
      record.webhookUri,
      record.webhookMethod,
      record.webhookSecret,
      record.created,
      record.updated,
    ]);
  }

  /** Writes every mutable field; the tree and creation time never change. */
  async update(record: AccountRecord): Promise<void> {
    await this.db.execute(
      `UPDATE cm_accounts SET name = ?, name_lower = ?, realm = ?, is_reseller = ?, enabled = ?, timezone = ?, language = ?,
       webhook_uri = ?, webhook_method = ?, webhook_secret = ?, updated = ? WHERE id = ?`,
      [
        record.name,
        record.name.toLowerCase(),
        record.realm,
        record.isReseller ? 1 : 0,
        record.enabled ? 1 : 0,
        record.timezone,
        record.language,
        record.webhookUri,
        record.webhookMethod,
        record.webhookSecret,
        record.updated,
        record.id,
      ],
    );
  }

  async get(id: string): Promise<AccountRecord | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_accounts WHERE id = ?`, [id]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /** The first account without a parent: the master. */
  async root(): Promise<AccountRecord | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_accounts WHERE parent_id IS NULL ORDER BY created, id LIMIT 1`);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async byName(name: string): Promise<AccountRecord[]> {
    return (await this.db.query(`SELECT * FROM cm_accounts WHERE name_lower = ? ORDER BY id LIMIT 100`, [name.toLowerCase()])).map(fromRow);
  }

  async byRealm(realm: string): Promise<AccountRecord[]> {
    return (await this.db.query(`SELECT * FROM cm_accounts WHERE realm = ?`, [realm.toLowerCase()])).map(fromRow);
  }

  async hasChildren(id: string): Promise<boolean> {
    return (await this.db.query(`SELECT id FROM cm_accounts WHERE parent_id = ? LIMIT 1`, [id])).length > 0;
  }

  async children(id: string, size: number, startKey: string | undefined): Promise<Page<AccountDoc>> {
    const from = decodeStartKey(startKey) ?? '';
    const rows = await this.db.query(`SELECT * FROM cm_accounts WHERE parent_id = ? AND id >= ? ORDER BY id LIMIT ?`, [id, from, size + 1]);
    return pageFrom(rows, size, (row) => text(row.id), (row) => toDoc(fromRow(row)));
  }

  async descendants(id: string, size: number, startKey: string | undefined): Promise<Page<AccountDoc>> {
    const from = decodeStartKey(startKey) ?? '';
    // Ids are hex, so they hold no LIKE wildcard.
    const rows = await this.db.query(`SELECT * FROM cm_accounts WHERE path LIKE ? AND id <> ? AND id >= ? ORDER BY id LIMIT ?`, [
      `%/${id}/%`,
      id,
      from,
      size + 1,
    ]);
    return pageFrom(rows, size, (row) => text(row.id), (row) => toDoc(fromRow(row)));
  }

  async delete(id: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_accounts WHERE id = ?`, [id]);
  }
}
