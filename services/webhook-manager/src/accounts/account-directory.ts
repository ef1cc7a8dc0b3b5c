import { randomBytes } from 'node:crypto';
import type { Logger } from '@voxmesh/telemetry';
import type { AccountRecord, AccountRepository, DirectoryEntry } from '../db/account-repository.js';

/**
 * What webhook-manager needs to know of accounts, which customer-manager owns: the
 * reseller tree (for include_subaccounts), the account-level webhook_uri/method, the
 * signing secret and the disabler settings.
 */
export interface AccountDirectory {
  getAccount(id: string): Promise<AccountRecord | undefined>;
  /** Every ancestor of the account, nearest first; empty for a top-level or unknown account. */
  ancestorsOf(id: string): Promise<string[]>;
  descendantsOf(id: string): Promise<string[]>;
  /** Always a secret: one the account was given, or one generated and kept for it. */
  secretOf(id: string): Promise<string>;
  /** Records what customer-manager published (account_created / account_updated). */
  record(entry: DirectoryEntry): Promise<void>;
  forget(id: string): Promise<void>;
  /** Drops what this replica cached of the account, after its settings changed here. */
  invalidate(id: string): void;
}

/** Where an account unknown to the local table is looked up: customer-manager's RPC. */
export interface AccountSource {
  fetch(id: string): Promise<DirectoryEntry | undefined>;
}

export interface DirectoryOptions {
  repository: AccountRepository;
  /** Asked on a miss; absent when there is nobody to ask. */
  source?: AccountSource;
  logger: Logger;
  /** How long this replica trusts what it read (other replicas' changes show after this). */
  cacheTtlMs?: number;
  /** How long an account nobody knows is not asked about again. */
  missTtlMs?: number;
  now?: () => number;
}

const MAX_DEPTH = 32;

/**
 * The local table (fed by account_* events) in front of customer-manager's RPC, with a
 * short in-process cache: an event is matched against hooks without a round trip, and
 * an account that never appeared in an event is fetched once and kept.
 */
export class CachedAccountDirectory implements AccountDirectory {
  private readonly cache = new Map<string, { record: AccountRecord | undefined; until: number }>();
  private readonly secrets = new Map<string, { secret: string; until: number }>();
  private readonly now: () => number;

  constructor(private readonly options: DirectoryOptions) {
    this.now = options.now ?? Date.now;
  }

  async getAccount(id: string): Promise<AccountRecord | undefined> {
    const cached = this.cache.get(id);
    if (cached && cached.until > this.now()) return cached.record;
    let record = await this.options.repository.get(id);
    if ((!record || !record.known) && this.options.source) {
      const fetched = await this.options.source.fetch(id).catch((error: unknown) => {
        this.options.logger.debug({ err: error, account_id: id }, 'account lookup at customer-manager failed');
        return undefined;
      });
      if (fetched) {
        await this.options.repository.upsert(fetched, new Date(this.now()).toISOString());
        record = await this.options.repository.get(id);
      }
    }
    const live = record && !record.deleted ? record : undefined;
    const ttl = live?.known ? (this.options.cacheTtlMs ?? 5000) : (this.options.missTtlMs ?? 30_000);
    this.cache.set(id, { record: live, until: this.now() + ttl });
    return live;
  }

  async ancestorsOf(id: string): Promise<string[]> {
    const account = await this.getAccount(id);
    if (!account) return [];
    if (account.tree && account.tree.length > 0) return [...account.tree].reverse().filter((each) => each !== id);
    const ancestors: string[] = [];
    let parent = account.parentId;
    while (parent && ancestors.length < MAX_DEPTH && !ancestors.includes(parent) && parent !== id) {
      ancestors.push(parent);
      parent = (await this.getAccount(parent))?.parentId ?? null;
    }
    return ancestors;
  }

  async descendantsOf(id: string): Promise<string[]> {
    const found: string[] = [];
    let level = [id];
    for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
      level = (await this.options.repository.childrenOf(level)).filter((each) => each !== id && !found.includes(each));
      found.push(...level);
    }
    return found;
  }

  async secretOf(id: string): Promise<string> {
    const cached = this.secrets.get(id);
    if (cached && cached.until > this.now()) return cached.secret;
    const account = await this.getAccount(id);
    const secret =
      account?.webhookSecret ??
      (await this.options.repository.ensureSecret(id, randomBytes(24).toString('base64url'), new Date(this.now()).toISOString()));
    this.secrets.set(id, { secret, until: this.now() + (this.options.cacheTtlMs ?? 5000) });
    return secret;
  }

  async record(entry: DirectoryEntry): Promise<void> {
    await this.options.repository.upsert(entry, new Date(this.now()).toISOString());
    this.invalidate(entry.id);
  }

  async forget(id: string): Promise<void> {
    await this.options.repository.markDeleted(id, new Date(this.now()).toISOString());
    this.invalidate(id);
  }

  invalidate(id: string): void {
    this.cache.delete(id);
    this.secrets.delete(id);
  }
}
