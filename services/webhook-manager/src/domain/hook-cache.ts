import type { Webhook } from '../contract.js';
import type { WebhookRepository } from '../db/webhook-repository.js';
import { Batcher } from './batcher.js';

/**
 * The enabled hooks of each account, kept in memory for a short while (Kazoo keeps
 * them in memory too): matching an event against hooks is then no database round trip.
 * A change made on this replica drops the account at once; one made on another replica
 * drops it when its webhook_* event arrives here, and the TTL bounds anything missed.
 * A hook seen as enabled a moment too long does no harm: the delivery reads the hook
 * again before sending and parks the event if the hook is off.
 */
export class HookCache {
  private readonly entries = new Map<string, { hooks: Webhook[]; until: number }>();
  private readonly loader: Batcher<string, Webhook[]>;
  private generation = 0;

  constructor(
    repository: WebhookRepository,
    private readonly ttlMs = 2000,
    private readonly now: () => number = Date.now,
  ) {
    this.loader = new Batcher(async (accounts) => {
      const byAccount = await repository.enabledOf([...new Set(accounts)]);
      return accounts.map((account) => byAccount.get(account) ?? []);
    });
  }

  /** The enabled hooks an event of `accountId` fires: its own, and its ancestors' that include subaccounts. */
  async matching(accountId: string, ancestors: string[], hookTypes: readonly string[]): Promise<Webhook[]> {
    const wanted = (hook: Webhook) => hookTypes.includes(hook.hook);
    // The usual event: an account without ancestors, its hooks in the cache; no promise per account then.
    const cached = ancestors.length === 0 ? this.fresh(accountId) : undefined;
    if (cached) return cached.filter(wanted);
    const [own, ...inherited] = await Promise.all([accountId, ...ancestors].map((account) => this.hooksOf(account)));
    return [...own!.filter(wanted), ...inherited.flat().filter((hook) => hook.include_subaccounts && wanted(hook))];
  }

  private fresh(accountId: string): Webhook[] | undefined {
    const cached = this.entries.get(accountId);
    return cached && cached.until > this.now() ? cached.hooks : undefined;
  }

  invalidate(accountId: string): void {
    this.entries.delete(accountId);
    this.generation++;
  }

  private async hooksOf(accountId: string): Promise<Webhook[]> {
    const cached = this.fresh(accountId);
    if (cached) return cached;
    const generation = this.generation;
    const hooks = await this.loader.load(accountId);
    // A change that landed while we were reading must not be hidden behind a stale entry.
    if (generation === this.generation) this.entries.set(accountId, { hooks, until: this.now() + this.ttlMs });
    return hooks;
  }
}
