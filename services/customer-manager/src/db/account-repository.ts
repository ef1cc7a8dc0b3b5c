import type { customerManager } from '@voxmesh/contracts';
import { cell, RowMapping, storedCamelFields, storedJson, type SqlExecutor } from '@voxmesh/store';
import { decodeStartKey, pageFrom, type Page } from './rows.js';

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
  /** Kazoo's caller_id document, absent when the account keeps none. */
  callerId?: customerManager.AccountCallerId | undefined;
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
    ...(record.callerId ? { caller_id: record.callerId } : {}),
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

const accountFields = storedCamelFields({
  id: cell.text,
  parent_id: cell.nullableText,
  name: cell.text,
  realm: cell.text,
  reseller_id: cell.nullableText,
  is_reseller: cell.bool,
  enabled: cell.bool,
  timezone: cell.text,
  language: cell.text,
  webhook_uri: cell.nullableText,
  webhook_method: cell.nullableText,
  webhook_secret: cell.text,
  created: cell.text,
  updated: cell.text,
});

const accountRows = new RowMapping<AccountRecord>({
  table: 'cm_accounts',
  columns: [
    ...accountFields.columns,
    { name: 'path', value: (record) => pathText(record.path) },
    { name: 'caller_id', value: (record) => storedJson(record.callerId) },
    // Names are found whatever their case.
    { name: 'name_lower', value: (record) => record.name.toLowerCase() },
  ],
  fromRow: (row) => ({
    ...accountFields.read(row),
    path: cell.text(row.path).split('/').filter((part) => part.length > 0),
    ...(row.caller_id !== null && row.caller_id !== undefined ? { callerId: cell.json<customerManager.AccountCallerId>(row.caller_id) } : {}),
  }),
});

/** Every mutable field; the tree and creation time never change. */
const MUTABLE = ['name', 'name_lower', 'realm', 'is_reseller', 'enabled', 'timezone', 'language', 'caller_id', 'webhook_uri', 'webhook_method', 'webhook_secret', 'updated'];

export class AccountRepository {
  constructor(private readonly db: SqlExecutor) {}

  withExecutor(db: SqlExecutor): AccountRepository {
    return new AccountRepository(db);
  }

  async insert(record: AccountRecord): Promise<void> {
    await accountRows.insert(this.db, record);
  }

  async update(record: AccountRecord): Promise<void> {
    await accountRows.update(this.db, record, MUTABLE, ['id']);
  }

  get(id: string): Promise<AccountRecord | undefined> {
    return accountRows.one(this.db, 'id = ?', [id]);
  }

  /** The first account without a parent: the master. */
  async root(): Promise<AccountRecord | undefined> {
    return (await accountRows.many(this.db, 'WHERE parent_id IS NULL ORDER BY created, id LIMIT 1', []))[0];
  }

  byName(name: string): Promise<AccountRecord[]> {
    return accountRows.many(this.db, 'WHERE name_lower = ? ORDER BY id LIMIT 100', [name.toLowerCase()]);
  }

  byRealm(realm: string): Promise<AccountRecord[]> {
    return accountRows.many(this.db, 'WHERE realm = ?', [realm.toLowerCase()]);
  }

  async hasChildren(id: string): Promise<boolean> {
    return (await this.db.query(`SELECT id FROM cm_accounts WHERE parent_id = ? LIMIT 1`, [id])).length > 0;
  }

  async children(id: string, size: number, startKey: string | undefined): Promise<Page<AccountDoc>> {
    const from = decodeStartKey(startKey) ?? '';
    const rows = await accountRows.many(this.db, 'WHERE parent_id = ? AND id >= ? ORDER BY id LIMIT ?', [id, from, size + 1]);
    return pageFrom(rows, size, (record) => record.id, toDoc);
  }

  async descendants(id: string, size: number, startKey: string | undefined): Promise<Page<AccountDoc>> {
    const from = decodeStartKey(startKey) ?? '';
    // Ids are hex, so they hold no LIKE wildcard.
    const rows = await accountRows.many(this.db, 'WHERE path LIKE ? AND id <> ? AND id >= ? ORDER BY id LIMIT ?', [`%/${id}/%`, id, from, size + 1]);
    return pageFrom(rows, size, (record) => record.id, toDoc);
  }

  async delete(id: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_accounts WHERE id = ?`, [id]);
  }
}
