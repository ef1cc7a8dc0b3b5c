import type { customerManager } from '@voxmesh/contracts';
import type { SqlExecutor, SqlRow } from '@voxmesh/store';
import { decodeStartKey, nullableText, pageFrom, text, type Page } from './rows.js';

type ApiKey = customerManager.ApiKey;

export interface ApiKeyRecord extends ApiKey {
  keyHash: string;
}

function fromRow(row: SqlRow): ApiKeyRecord {
  return {
    id: text(row.id),
    account_id: text(row.account_id),
    name: text(row.name),
    prefix: text(row.prefix),
    created: text(row.created),
    last_used: nullableText(row.last_used),
    keyHash: text(row.key_hash),
  };
}

export function toApiKey(record: ApiKeyRecord): ApiKey {
  const { keyHash: _hash, ...key } = record;
  return key;
}

export class ApiKeyRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(key: ApiKeyRecord): Promise<void> {
    await this.db.execute(`INSERT INTO cm_api_keys (id, account_id, name, key_hash, prefix, created, last_used) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      key.id,
      key.account_id,
      key.name,
      key.keyHash,
      key.prefix,
      key.created,
      key.last_used,
    ]);
  }

  async byHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_api_keys WHERE key_hash = ?`, [keyHash]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async get(accountId: string, id: string): Promise<ApiKeyRecord | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_api_keys WHERE id = ? AND account_id = ?`, [id, accountId]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.execute(`UPDATE cm_api_keys SET last_used = ? WHERE id = ?`, [at, id]);
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<ApiKey>> {
    const from = decodeStartKey(startKey) ?? '';
    const rows = await this.db.query(`SELECT * FROM cm_api_keys WHERE account_id = ? AND id >= ? ORDER BY id LIMIT ?`, [accountId, from, size + 1]);
    return pageFrom(rows, size, (row) => text(row.id), (row) => toApiKey(fromRow(row)));
  }

  async delete(accountId: string, id: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_api_keys WHERE id = ? AND account_id = ?`, [id, accountId]);
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_api_keys WHERE account_id = ?`, [accountId]);
  }
}
