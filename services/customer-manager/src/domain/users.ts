import type { customerManager } from '@voxmesh/contracts';
import { isDuplicateKey } from '@voxmesh/store';
import { VoipError } from '@voxmesh/wire';
import { patchCallSettings, pickCallSettings, type StoredCallSettings } from '../db/call-settings.js';
import type { Page } from '../db/rows.js';
import { nowIso } from '../db/rows.js';
import type { Database, Stores } from '../db/stores.js';
import { toUser, type UserRecord } from '../db/user-repository.js';
import { accountNotFound, notUnique } from './errors.js';
import { credentialsOf, newId, slowHash } from './secrets.js';

type User = customerManager.User;
type UserInput = customerManager.UserInput;
type UserPatch = customerManager.UserPatch;

export interface UserServiceOptions {
  database: Database;
  /** log2 of scrypt's N. */
  hashCost: number;
  /** Revokes the live tokens of a user whose password or standing changed. */
  revokeUser: (accountId: string, userId: string) => Promise<void>;
}

export class UserService {
  constructor(private readonly options: UserServiceOptions) {}

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<User>> {
    await this.account(accountId);
    return this.stores.users.list(accountId, size, startKey);
  }

  async get(accountId: string, id: string): Promise<User> {
    return toUser(await this.record(accountId, id));
  }

  async create(accountId: string, input: UserInput): Promise<User> {
    await this.account(accountId);
    if (input.password === undefined) throw VoipError.invalidArgument('password', 'password is required');
    const now = nowIso();
    const hashes = await this.hashes(input.username, input.password);
    const record: UserRecord = {
      id: newId(),
      account_id: accountId,
      username: input.username,
      email: input.email ?? null,
      first_name: input.first_name ?? '',
      last_name: input.last_name ?? '',
      enabled: input.enabled ?? true,
      priv_level: input.priv_level ?? 'user',
      ...pickCallSettings(input),
      created: now,
      updated: now,
      ...hashes,
    };
    const user = toUser(record);
    await this.options.database.transaction(async (stores) => {
      await this.unique(() => stores.users.insert(record), record.username);
      await stores.events.record('user_created', user);
    });
    return user;
  }

  async replace(accountId: string, id: string, input: UserInput): Promise<User> {
    return this.change(accountId, id, (current) => ({
      username: input.username,
      password: input.password,
      email: input.email ?? null,
      first_name: input.first_name ?? '',
      last_name: input.last_name ?? '',
      enabled: input.enabled ?? true,
      priv_level: input.priv_level ?? 'user',
      settings: pickCallSettings(input),
      current,
    }));
  }

  async patch(accountId: string, id: string, patch: UserPatch): Promise<User> {
    return this.change(accountId, id, (current) => ({
      username: patch.username ?? current.username,
      password: patch.password,
      email: patch.email === undefined ? current.email : patch.email,
      first_name: patch.first_name === null ? '' : (patch.first_name ?? current.first_name),
      last_name: patch.last_name === null ? '' : (patch.last_name ?? current.last_name),
      enabled: patch.enabled === null ? true : (patch.enabled ?? current.enabled),
      priv_level: patch.priv_level === null ? 'user' : (patch.priv_level ?? current.priv_level),
      settings: patchCallSettings(current, patch),
      current,
    }));
  }

  async delete(accountId: string, id: string): Promise<User> {
    const record = await this.options.database.transaction(async (stores) => {
      const current = await this.record(accountId, id, stores);
      await stores.devices.disown(accountId, id);
      await stores.users.delete(accountId, id);
      await stores.events.record('user_deleted', toUser(current));
      return current;
    });
    await this.options.revokeUser(accountId, id);
    return toUser(record);
  }

  private async change(
    accountId: string,
    id: string,
    build: (current: UserRecord) => Pick<User, 'username' | 'email' | 'first_name' | 'last_name' | 'enabled' | 'priv_level'> & {
      password: string | undefined;
      settings: StoredCallSettings;
      current: UserRecord;
    },
  ): Promise<User> {
    const current = await this.record(accountId, id);
    const next = build(current);
    const renamed = next.username.toLowerCase() !== current.username.toLowerCase();
    // The stored hashes cover "username:password", so a new username needs the password again.
    if (renamed && next.password === undefined) throw VoipError.invalidArgument('password', 'a new username needs the password too');
    const hashes = next.password !== undefined ? await this.hashes(next.username, next.password) : { md5Hash: current.md5Hash, sha1Hash: current.sha1Hash };
    const record: UserRecord = {
      id,
      account_id: accountId,
      username: next.username,
      email: next.email,
      first_name: next.first_name,
      last_name: next.last_name,
      enabled: next.enabled,
      priv_level: next.priv_level,
      ...next.settings,
      created: current.created,
      updated: nowIso(),
      ...hashes,
    };
    const user = toUser(record);
    await this.options.database.transaction(async (stores) => {
      await this.unique(() => stores.users.update(record), record.username);
      await stores.events.record('user_updated', user);
    });
    if (next.password !== undefined || !record.enabled || record.priv_level !== current.priv_level) await this.options.revokeUser(accountId, id);
    return user;
  }

  private async hashes(username: string, password: string): Promise<{ md5Hash: string; sha1Hash: string }> {
    const { md5, sha1 } = credentialsOf(username, password);
    const [md5Hash, sha1Hash] = await Promise.all([slowHash(md5, this.options.hashCost), slowHash(sha1, this.options.hashCost)]);
    return { md5Hash, sha1Hash };
  }

  private async account(accountId: string): Promise<void> {
    if (!(await this.stores.accounts.get(accountId))) throw accountNotFound(accountId);
  }

  private async record(accountId: string, id: string, stores: Stores = this.stores): Promise<UserRecord> {
    const record = await stores.users.get(accountId, id);
    if (!record) throw VoipError.notFound(`user ${id} does not exist in account ${accountId}`);
    return record;
  }

  private async unique(write: () => Promise<void>, username: string): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isDuplicateKey(error)) throw notUnique('username', `username ${username} is taken in this account`);
      throw error;
    }
  }
}
