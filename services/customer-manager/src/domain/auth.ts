import type { customerManager } from '@voxmesh/contracts';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import type { AccountRecord } from '../db/account-repository.js';
import { toApiKey, type ApiKeyRecord } from '../db/key-repository.js';
import type { Page } from '../db/rows.js';
import { nowIso } from '../db/rows.js';
import type { Database, Stores } from '../db/stores.js';
import type { AuthMethod, TokenRecord } from '../db/token-repository.js';
import type { UserRecord } from '../db/user-repository.js';
import { accountNotFound } from './errors.js';
import { newApiKey, newId, newToken, sha256, verifySlowHash } from './secrets.js';

type ApiKey = customerManager.ApiKey;
type ApiKeyCreated = customerManager.ApiKeyCreated;
type AuthToken = customerManager.AuthToken;
type TokenInfo = customerManager.TokenInfo;
type UserAuthBody = customerManager.UserAuthBody;

/** Users of one account whose credentials a login may be checked against (each check is an scrypt). */
const MAX_USERS_CHECKED = 500;
/** Accounts sharing a name that one user_auth looks at. */
const MAX_ACCOUNTS_CHECKED = 10;
const KNOWN_LOGINS_KEPT = 10_000;

export interface AuthServiceOptions {
  database: Database;
  logger: Logger;
  tokenTtlSeconds: number;
  now?: () => number;
}

function invalidCredentials(): VoipError {
  return new VoipError({ status: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS', message: 'invalid credentials' });
}

/**
 * API keys, logins and tokens. A wrong key, wrong credentials, an unknown account and a
 * disabled one all answer the same 401, so a caller learns nothing from the difference.
 */
export class AuthService {
  private readonly now: () => number;
  /**
   * Which user a set of credentials last matched, by a hash of account and credentials:
   * a repeated login costs one scrypt instead of one per user of the account.
   */
  private readonly knownLogins = new Map<string, string>();

  constructor(private readonly options: AuthServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async createApiKey(accountId: string, name: string | undefined, key: string = newApiKey(), stores: Stores = this.stores): Promise<ApiKeyCreated> {
    if (!(await stores.accounts.get(accountId))) throw accountNotFound(accountId);
    const record: ApiKeyRecord = {
      id: newId(),
      account_id: accountId,
      name: name ?? 'api key',
      prefix: key.slice(0, 6),
      created: nowIso(),
      last_used: null,
      keyHash: sha256(key),
    };
    await stores.apiKeys.insert(record);
    return { ...toApiKey(record), api_key: key };
  }

  async listApiKeys(accountId: string, size: number, startKey: string | undefined): Promise<Page<ApiKey>> {
    if (!(await this.stores.accounts.get(accountId))) throw accountNotFound(accountId);
    return this.stores.apiKeys.list(accountId, size, startKey);
  }

  /** Deletes the key and revokes the tokens it opened. */
  async deleteApiKey(accountId: string, id: string): Promise<ApiKey> {
    const record = await this.stores.apiKeys.get(accountId, id);
    if (!record) throw VoipError.notFound(`api key ${id} does not exist in account ${accountId}`);
    await this.stores.apiKeys.delete(accountId, id);
    await this.revokeHashes(accountId, await this.stores.tokens.liveOfKey(id, this.now()));
    return toApiKey(record);
  }

  async authApiKey(apiKey: string): Promise<AuthToken> {
    const key = await this.stores.apiKeys.byHash(sha256(apiKey));
    if (!key) throw invalidCredentials();
    const account = await this.stores.accounts.get(key.account_id);
    if (!account || !account.enabled) throw invalidCredentials();
    await this.stores.apiKeys.touch(key.id, nowIso());
    return this.issue(account, { method: 'api_key', ownerId: null, apiKeyId: key.id });
  }

  async authUser(body: UserAuthBody): Promise<AuthToken> {
    const accounts = await this.candidateAccounts(body);
    const sha1 = body.method === 'sha1' || (body.method === undefined && body.credentials.length === 40);
    for (const account of accounts.slice(0, MAX_ACCOUNTS_CHECKED)) {
      if (!account.enabled) continue;
      const user = await this.matchUser(account, body.credentials, sha1);
      if (user) return this.issue(account, { method: 'user_auth', ownerId: user.id, apiKeyId: null });
    }
    throw invalidCredentials();
  }

  private async candidateAccounts(body: UserAuthBody): Promise<AccountRecord[]> {
    const realm = body.account_realm ?? body.realm;
    if (realm !== undefined) return this.stores.accounts.byRealm(realm);
    return this.stores.accounts.byName(body.account_name ?? '');
  }

  private async matchUser(account: AccountRecord, credentials: string, sha1: boolean): Promise<UserRecord | undefined> {
    const loginKey = sha256(`${account.id}:${credentials}`);
    const check = (user: UserRecord) => verifySlowHash(credentials, sha1 ? user.sha1Hash : user.md5Hash);
    const knownId = this.knownLogins.get(loginKey);
    if (knownId) {
      const known = await this.stores.users.get(account.id, knownId);
      if (known?.enabled && (await check(known))) return known;
      this.knownLogins.delete(loginKey);
    }
    const users = await this.stores.users.enabledOf(account.id, MAX_USERS_CHECKED);
    if (users.length === MAX_USERS_CHECKED) this.options.logger.warn({ account_id: account.id }, 'user_auth checked only the first users of a large account');
    for (const user of users) {
      if (user.id === knownId) continue;
      if (await check(user)) {
        if (this.knownLogins.size >= KNOWN_LOGINS_KEPT) this.knownLogins.clear();
        this.knownLogins.set(loginKey, user.id);
        return user;
      }
    }
    return undefined;
  }

  private async issue(account: AccountRecord, by: { method: AuthMethod; ownerId: string | null; apiKeyId: string | null }): Promise<AuthToken> {
    const token = newToken();
    const issuedAt = this.now();
    const expiresAt = issuedAt + this.options.tokenTtlSeconds * 1000;
    const record: TokenRecord = {
      tokenHash: sha256(token),
      accountId: account.id,
      ownerId: by.ownerId,
      apiKeyId: by.apiKeyId,
      method: by.method,
      issued: new Date(issuedAt).toISOString(),
      expiresAt,
      revoked: false,
    };
    await this.stores.tokens.insert(record);
    return {
      auth_token: token,
      account_id: account.id,
      account_name: account.name,
      owner_id: by.ownerId,
      method: by.method,
      is_reseller: account.isReseller,
      reseller_id: account.resellerId,
      issued: record.issued,
      expires: new Date(expiresAt).toISOString(),
      expires_in: this.options.tokenTtlSeconds,
    };
  }

  async validate(token: string): Promise<TokenInfo> {
    const tokenHash = sha256(token);
    const record = await this.stores.tokens.get(tokenHash);
    if (!record || record.revoked || record.expiresAt <= this.now()) throw invalidCredentials();
    const account = await this.stores.accounts.get(record.accountId);
    if (!account || !account.enabled) throw invalidCredentials();
    let isAdmin = record.method === 'api_key';
    if (record.ownerId !== null) {
      const user = await this.stores.users.get(record.accountId, record.ownerId);
      if (!user || !user.enabled) throw invalidCredentials();
      isAdmin = user.priv_level === 'admin';
    }
    return {
      account_id: account.id,
      account_name: account.name,
      owner_id: record.ownerId,
      method: record.method,
      tree: account.path.slice(0, -1),
      is_superduper_admin: account.parentId === null,
      is_admin: isAdmin,
      issued: record.issued,
      expires: new Date(record.expiresAt).toISOString(),
      expires_at_ms: record.expiresAt,
      token_hash: tokenHash,
    };
  }

  async revoke(token: string): Promise<boolean> {
    const tokenHash = sha256(token);
    const record = await this.stores.tokens.get(tokenHash);
    if (!record) return false;
    return this.options.database.transaction(async (stores) => {
      const revoked = await stores.tokens.revoke(tokenHash);
      if (revoked) await stores.events.record('auth_token_revoked', { account_id: record.accountId, token_hash: tokenHash });
      return revoked;
    });
  }

  /** Revokes every live token of one user (a password change, a demotion, a deletion). */
  async revokeUser(accountId: string, userId: string): Promise<void> {
    await this.revokeHashes(accountId, await this.stores.tokens.liveOf(accountId, userId, this.now()));
  }

  /**
   * Inside an account's deletion: its live tokens' revocations, recorded in the same
   * transaction so every gateway hears of them once the deletion commits.
   */
  async revokeAllOf(stores: Stores, accountId: string): Promise<string[]> {
    const hashes = await stores.tokens.liveOf(accountId, null, this.now());
    for (const tokenHash of hashes) await stores.events.record('auth_token_revoked', { account_id: accountId, token_hash: tokenHash });
    return hashes;
  }

  private async revokeHashes(accountId: string, hashes: string[]): Promise<void> {
    if (hashes.length === 0) return;
    await this.options.database.transaction(async (stores) => {
      for (const tokenHash of hashes) {
        if (await stores.tokens.revoke(tokenHash)) await stores.events.record('auth_token_revoked', { account_id: accountId, token_hash: tokenHash });
      }
    });
  }

  async sweepExpired(): Promise<number> {
    return this.stores.tokens.deleteExpired(this.now());
  }
}
