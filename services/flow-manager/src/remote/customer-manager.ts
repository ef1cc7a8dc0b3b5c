import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import type { AccountSecrets } from '../actions/types.js';

/** How long a secret is reused: a rotation reaches Pivot's signatures within this. */
const SECRET_TTL_MS = 60_000;
/** Accounts whose secret is kept at once; the oldest is dropped past it. */
const MAX_CACHED = 10_000;

/** customer-manager's `getAccount`, for the webhook secret that signs Pivot's requests, briefly cached. */
export class CustomerManagerSecrets implements AccountSecrets {
  private readonly cache = new Map<string, { secret: string; until: number }>();

  constructor(
    private readonly client: RpcClient<customerManager.CustomerManagerRoutes>,
    private readonly now: () => number = Date.now,
  ) {}

  async webhookSecret(accountId: string, timeoutMs: number): Promise<string | undefined> {
    const cached = this.cache.get(accountId);
    if (cached && cached.until > this.now()) return cached.secret;
    const account = await this.client.call('getAccount', { params: { id: accountId } }, { timeoutMs });
    this.cache.delete(accountId);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(accountId, { secret: account.webhook_secret, until: this.now() + SECRET_TTL_MS });
    return account.webhook_secret;
  }
}
