import type { customerManager } from '@voxmesh/contracts';
import { cell, RowMapping, storedFields, type SqlExecutor } from '@voxmesh/store';
import { AccountOwnedRows, type Page } from './rows.js';

type ApiKey = customerManager.ApiKey;

export interface ApiKeyRecord extends ApiKey {
  keyHash: string;
}

const keyFields = storedFields({ id: cell.text, account_id: cell.text, name: cell.text, prefix: cell.text, created: cell.text, last_used: cell.nullableText });

const keyRows = new RowMapping<ApiKeyRecord>({
  table: 'cm_api_keys',
  columns: [...keyFields.columns, { name: 'key_hash', value: (key) => key.keyHash }],
  fromRow: (row) => ({ ...keyFields.read(row), keyHash: cell.text(row.key_hash) }),
});

export function toApiKey(record: ApiKeyRecord): ApiKey {
  const { keyHash: _hash, ...key } = record;
  return key;
}

export class ApiKeyRepository extends AccountOwnedRows<ApiKeyRecord> {
  constructor(db: SqlExecutor) {
    super(db, keyRows);
  }

  byHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    return this.rows.one(this.db, 'key_hash = ?', [keyHash]);
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.execute(`UPDATE cm_api_keys SET last_used = ? WHERE id = ?`, [at, id]);
  }

  list(accountId: string, size: number, startKey: string | undefined): Promise<Page<ApiKey>> {
    return this.page(accountId, size, startKey, toApiKey);
  }
}
