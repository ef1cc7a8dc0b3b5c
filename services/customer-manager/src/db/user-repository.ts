import type { customerManager } from '@voxmesh/contracts';
import { cell, RowMapping, storedFields, type SqlExecutor } from '@voxmesh/store';
import { callSettingsColumn, callSettingsFromColumn } from './call-settings.js';
import { AccountOwnedRows, type Page } from './rows.js';

type User = customerManager.User;

export interface UserRecord extends User {
  md5Hash: string;
  sha1Hash: string;
}

export function toUser(record: UserRecord): User {
  const { md5Hash: _md5, sha1Hash: _sha1, ...user } = record;
  return user;
}

const userFields = storedFields({
  id: cell.text,
  account_id: cell.text,
  username: cell.text,
  email: cell.nullableText,
  first_name: cell.text,
  last_name: cell.text,
  enabled: cell.bool,
  priv_level: (value): User['priv_level'] => (cell.text(value) === 'admin' ? 'admin' : 'user'),
  created: cell.text,
  updated: cell.text,
});

const userRows = new RowMapping<UserRecord>({
  table: 'cm_users',
  columns: [
    ...userFields.columns,
    // Usernames are unique per account whatever their case.
    { name: 'username_lower', value: (user) => user.username.toLowerCase() },
    { name: 'md5_hash', value: (user) => user.md5Hash },
    { name: 'sha1_hash', value: (user) => user.sha1Hash },
    // How the user is rung (call_forward, do_not_disturb, presence_id, hotdesk, vm_to_email_enabled), one JSON document.
    { name: 'call_settings', value: (user) => callSettingsColumn(user) },
  ],
  fromRow: (row) => ({ ...userFields.read(row), ...callSettingsFromColumn(row.call_settings), md5Hash: cell.text(row.md5_hash), sha1Hash: cell.text(row.sha1_hash) }),
});

const MUTABLE = ['username', 'username_lower', 'email', 'first_name', 'last_name', 'enabled', 'priv_level', 'md5_hash', 'sha1_hash', 'call_settings', 'updated'];

export class UserRepository extends AccountOwnedRows<UserRecord> {
  constructor(db: SqlExecutor) {
    super(db, userRows);
  }

  async update(user: UserRecord): Promise<void> {
    await this.rewrite(user, MUTABLE);
  }

  byUsername(accountId: string, username: string): Promise<UserRecord | undefined> {
    return this.rows.one(this.db, 'account_id = ? AND username_lower = ?', [accountId, username.toLowerCase()]);
  }

  /** Every enabled user of the account, for credential checks (Kazoo looks up by credentials hash the same way). */
  enabledOf(accountId: string, limit: number): Promise<UserRecord[]> {
    return this.rows.many(this.db, 'WHERE account_id = ? AND enabled = 1 ORDER BY id LIMIT ?', [accountId, limit]);
  }

  list(accountId: string, size: number, startKey: string | undefined): Promise<Page<User>> {
    return this.page(accountId, size, startKey, toUser);
  }
}
