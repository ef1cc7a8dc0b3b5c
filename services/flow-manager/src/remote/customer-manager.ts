import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import type { AccountCallerIds, AccountSecrets, AccountTimezones } from '../actions/types.js';

/** How long an account is reused: a secret rotation or a new timezone is seen within this. */
const ACCOUNT_TTL_MS = 60_000;
/** Accounts kept at once; the oldest is dropped past it. */
const MAX_CACHED = 10_000;

interface Cached {
  secret: string;
  timezone: string;
  callerId: customerManager.AccountCallerId | undefined;
  until: number;
}

/**
 * customer-manager's `getAccount`, briefly cached: the webhook secret that signs Pivot's
 * requests, the timezone temporal routes read their rules in, and the caller ids it keeps.
 */
export class CustomerManagerAccounts implements AccountSecrets, AccountTimezones, AccountCallerIds {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly client: RpcClient<customerManager.CustomerManagerRoutes>,
    private readonly now: () => number = Date.now,
  ) {}

  async webhookSecret(accountId: string, timeoutMs: number): Promise<string | undefined> {
    return (await this.account(accountId, timeoutMs)).secret;
  }

  async timezone(accountId: string, timeoutMs: number): Promise<string | undefined> {
    const zone = (await this.account(accountId, timeoutMs)).timezone;
    return zone === '' ? undefined : zone;
  }

  async callerId(accountId: string, timeoutMs: number): Promise<customerManager.AccountCallerId | undefined> {
    return (await this.account(accountId, timeoutMs)).callerId;
  }

  private async account(accountId: string, timeoutMs: number): Promise<Cached> {
    const cached = this.cache.get(accountId);
    if (cached && cached.until > this.now()) return cached;
    const account = await this.client.call('getAccount', { params: { id: accountId } }, { timeoutMs });
    this.cache.delete(accountId);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    const entry = { secret: account.webhook_secret, timezone: account.timezone, callerId: account.caller_id, until: this.now() + ACCOUNT_TTL_MS };
    this.cache.set(accountId, entry);
    return entry;
  }
}
