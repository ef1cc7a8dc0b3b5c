import type { IncomingMessage } from 'node:http';
import { createHash } from 'node:crypto';
import { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { VoipError } from '@voxmesh/wire';
import { HttpError } from './errors.js';
import type { Principal } from './types.js';

type CustomerClient = RpcClient<customerManager.CustomerManagerRoutes>;
type AccountDoc = customerManager.AccountDoc;

/** Where crossbar looks for a token: X-Auth-Token, Authorization: Bearer, then the query or body. */
export function tokenOf(request: IncomingMessage, query: Record<string, string>, envelope: Record<string, unknown> | undefined): string | undefined {
  const header = request.headers['x-auth-token'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  if (query.auth_token) return query.auth_token;
  const fromBody = envelope?.auth_token;
  return typeof fromBody === 'string' && fromBody !== '' ? fromBody : undefined;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const MAX_CACHED = 100_000;

export interface TokenValidatorOptions {
  client: CustomerClient;
  /** How long an answer is trusted; revocations arrive as events and drop it sooner. */
  cacheMs: number;
  timeoutMs: number;
  now?: () => number;
}

/**
 * Validates tokens at customer-manager and keeps the answers for a few seconds, so a
 * busy client costs one RPC per window, not one per request. Concurrent checks of one
 * token share a call. `auth_token_revoked`, account and user events drop entries early.
 */
export class TokenValidator {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  private readonly inFlight = new Map<string, Promise<Principal>>();
  private readonly now: () => number;

  constructor(private readonly options: TokenValidatorOptions) {
    this.now = options.now ?? Date.now;
  }

  async principal(token: string, requestId?: string): Promise<Principal> {
    if (token.length > 512) throw HttpError.unauthorized();
    const cached = this.cache.get(token);
    const now = this.now();
    if (cached && cached.until > now) return cached.principal;
    let pending = this.inFlight.get(token);
    if (!pending) {
      pending = this.fetch(token, requestId).finally(() => this.inFlight.delete(token));
      this.inFlight.set(token, pending);
    }
    return pending;
  }

  private async fetch(token: string, requestId: string | undefined): Promise<Principal> {
    let info: customerManager.TokenInfo;
    try {
      info = await this.options.client.call('validateToken', { body: { auth_token: token } }, { timeoutMs: this.options.timeoutMs, ...(requestId ? { requestId } : {}) });
    } catch (error) {
      this.cache.delete(token);
      if (error instanceof VoipError && (error.status === 'UNAUTHENTICATED' || error.status === 'INVALID_ARGUMENT')) throw HttpError.unauthorized();
      throw error;
    }
    const principal: Principal = {
      token,
      tokenHash: info.token_hash,
      accountId: info.account_id,
      accountName: info.account_name,
      ownerId: info.owner_id,
      tree: info.tree,
      superduper: info.is_superduper_admin,
      admin: info.is_admin,
      expiresAtMs: info.expires_at_ms,
    };
    if (this.options.cacheMs > 0) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(token, { principal, until: Math.min(this.now() + this.options.cacheMs, info.expires_at_ms) });
    }
    return principal;
  }

  dropHash(tokenHash: string): void {
    for (const [token, entry] of this.cache) if (entry.principal.tokenHash === tokenHash) this.cache.delete(token);
  }

  dropAccount(accountId: string): void {
    for (const [token, entry] of this.cache) if (entry.principal.accountId === accountId) this.cache.delete(token);
  }

  dropOwner(ownerId: string): void {
    for (const [token, entry] of this.cache) if (entry.principal.ownerId === ownerId) this.cache.delete(token);
  }

  forget(token: string): void {
    this.cache.delete(token);
  }
}

/**
 * Account documents the scope checks read, kept briefly (account events drop them). A
 * tree never changes once an account exists, so a stale entry can only be a deleted or
 * disabled account, and the events cover those.
 */
export class AccountCache {
  private readonly cache = new Map<string, { doc: AccountDoc | undefined; until: number }>();

  constructor(
    private readonly client: CustomerClient,
    private readonly ttlMs = 30_000,
    private readonly missTtlMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string): Promise<AccountDoc | undefined> {
    const cached = this.cache.get(id);
    if (cached && cached.until > this.now()) return cached.doc;
    let doc: AccountDoc | undefined;
    try {
      doc = await this.client.call('getAccount', { params: { id } });
    } catch (error) {
      if (!(error instanceof VoipError && error.status === 'NOT_FOUND')) throw error;
      doc = undefined;
    }
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(id, { doc, until: this.now() + (doc ? this.ttlMs : this.missTtlMs) });
    return doc;
  }

  drop(id: string): void {
    this.cache.delete(id);
  }
}

/**
 * Crossbar's rule: a token reaches its own account and the accounts below it; the
 * master's reaches all. Plain users reach their own account only. An account outside
 * the caller's tree is forbidden whether or not it exists, so ids cannot be probed.
 */
export class AccountScope {
  constructor(private readonly accounts: AccountCache) {}

  async authorize(principal: Principal, accountId: string): Promise<void> {
    if (!customerManager.isId(accountId)) throw HttpError.notFound(`account ${accountId} does not exist`, 'BAD_IDENTIFIER');
    if (accountId === principal.accountId) return;
    if (!principal.admin) throw HttpError.forbidden('this token reaches its own account only');
    const account = await this.accounts.get(accountId);
    if (principal.superduper) {
      if (!account) throw HttpError.notFound(`account ${accountId} does not exist`, 'ACCOUNT_NOT_FOUND');
      return;
    }
    if (!account || !account.tree.includes(principal.accountId)) throw HttpError.forbidden('the account is outside this token\'s tree');
  }

  /** Whether `principal` may act on `accountId`, for the websocket bindings. */
  async reaches(principal: Principal, accountId: string): Promise<boolean> {
    try {
      await this.authorize(principal, accountId);
      return true;
    } catch (error) {
      if (error instanceof HttpError) return false;
      throw error;
    }
  }
}
