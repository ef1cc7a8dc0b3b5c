import type { customerManager } from '@voxmesh/contracts';
import type { SqlExecutor, SqlRow } from '@voxmesh/store';
import { callSettingsColumn, callSettingsFromColumn } from './call-settings.js';
import { bool, decodeStartKey, nullableText, pageFrom, text, type Page } from './rows.js';

type User = customerManager.User;

export interface UserRecord extends User {
  md5Hash: string;
  sha1Hash: string;
}

export function toUser(record: UserRecord): User {
  const { md5Hash: _md5, sha1Hash: _sha1, ...user } = record;
  return user;
}

function fromRow(row: SqlRow): UserRecord {
  return {
    id: text(row.id),
    account_id: text(row.account_id),
    username: text(row.username),
    email: nullableText(row.email),
    first_name: text(row.first_name),
    last_name: text(row.last_name),
    enabled: bool(row.enabled),
    priv_level: text(row.priv_level) === 'admin' ? 'admin' : 'user',
    ...callSettingsFromColumn(row.call_settings),
    created: text(row.created),
    updated: text(row.updated),
    md5Hash: text(row.md5_hash),
    sha1Hash: text(row.sha1_hash),
  };
}

export class UserRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(user: UserRecord): Promise<void> {
    await this.db.execute(
      `INSERT INTO cm_users (id, account_id, username, username_lower, email, first_name, last_name, enabled, priv_level, md5_hash, sha1_hash, call_settings, created, updated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        user.id,
        user.account_id,
        user.username,
        user.username.toLowerCase(),
        user.email,
        user.first_name,
        user.last_name,
        user.enabled ? 1 : 0,
        user.priv_level,
        user.md5Hash,
        user.sha1Hash,
        callSettingsColumn(user),
        user.created,
        user.updated,
      ],
    );
  }

  async update(user: UserRecord): Promise<void> {
    await this.db.execute(
      `UPDATE cm_users SET username = ?, username_lower = ?, email = ?, first_name = ?, last_name = ?, enabled = ?, priv_level = ?,
       md5_hash = ?, sha1_hash = ?, call_settings = ?, updated = ? WHERE id = ? AND account_id = ?`,
      [
        user.username,
        user.username.toLowerCase(),
        user.email,
        user.first_name,
        user.last_name,
        user.enabled ? 1 : 0,
        user.priv_level,
        user.md5Hash,
        user.sha1Hash,
        callSettingsColumn(user),
        user.updated,
        user.id,
        user.account_id,
      ],
    );
  }

  async get(accountId: string, id: string): Promise<UserRecord | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_users WHERE id = ? AND account_id = ?`, [id, accountId]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async byUsername(accountId: string, username: string): Promise<UserRecord | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_users WHERE account_id = ? AND username_lower = ?`, [accountId, username.toLowerCase()]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /** Every enabled user of the account, for credential checks (Kazoo looks up by credentials hash the same way). */
  async enabledOf(accountId: string, limit: number): Promise<UserRecord[]> {
    return (await this.db.query(`SELECT * FROM cm_users WHERE account_id = ? AND enabled = 1 ORDER BY id LIMIT ?`, [accountId, limit])).map(fromRow);
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<User>> {
    const from = decodeStartKey(startKey) ?? '';
    const rows = await this.db.query(`SELECT * FROM cm_users WHERE account_id = ? AND id >= ? ORDER BY id LIMIT ?`, [accountId, from, size + 1]);
    return pageFrom(rows, size, (row) => text(row.id), (row) => toUser(fromRow(row)));
  }

  async delete(accountId: string, id: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_users WHERE id = ? AND account_id = ?`, [id, accountId]);
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_users WHERE account_id = ?`, [accountId]);
  }
}
