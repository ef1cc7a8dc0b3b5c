import { customerManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import { SYSTEM_SCOPE } from '../db/config-repository.js';
import { nowIso } from '../db/rows.js';
import type { Database, Stores } from '../db/stores.js';
import { accountNotFound } from './errors.js';

type ConfigReply = customerManager.ConfigReply;

/**
 * Account and system configuration documents by category. Reading a category nobody
 * wrote answers an empty document, as Kazoo's config readers fall back to defaults.
 */
export class ConfigService {
  constructor(private readonly database: Database) {}

  async getSystem(category: string): Promise<ConfigReply> {
    const found = await this.database.stores.configs.get(SYSTEM_SCOPE, category);
    return { category, account_id: null, config: found?.config ?? {}, updated: found?.updated ?? null };
  }

  async getAccount(accountId: string, category: string): Promise<ConfigReply> {
    await this.account(accountId);
    const found = await this.database.stores.configs.get(accountId, category);
    return { category, account_id: accountId, config: found?.config ?? {}, updated: found?.updated ?? null };
  }

  /** System, then each ancestor root first, then the account: the nearer document wins key by key. */
  async getEffective(accountId: string, category: string): Promise<ConfigReply> {
    const account = await this.database.stores.accounts.get(accountId);
    if (!account) throw accountNotFound(accountId);
    const scopes = [SYSTEM_SCOPE, ...account.path];
    const found = await this.database.stores.configs.many(scopes, category);
    let config: Record<string, unknown> = {};
    let updated: string | null = null;
    for (const scope of scopes) {
      const layer = found.get(scope);
      if (!layer) continue;
      config = customerManager.mergeConfig(config, layer.config);
      if (updated === null || layer.updated > updated) updated = layer.updated;
    }
    return { category, account_id: accountId, config, updated };
  }

  async write(accountId: string | null, category: string, body: Record<string, unknown>, mode: 'replace' | 'merge'): Promise<ConfigReply> {
    if (accountId !== null) await this.account(accountId);
    const scope = accountId ?? SYSTEM_SCOPE;
    const updated = nowIso();
    const config = await this.database.transaction(async (stores) => {
      const current = (await stores.configs.get(scope, category))?.config ?? {};
      const next = mode === 'replace' ? stripNulls(body) : customerManager.mergeConfig(current, body);
      if (JSON.stringify(next).length > customerManager.MAX_CONFIG_BYTES) throw VoipError.invalidArgument('data', 'the merged document is too large');
      await stores.configs.put(scope, category, next, updated);
      await this.announce(stores, accountId, category, next);
      return next;
    });
    return { category, account_id: accountId, config, updated };
  }

  async remove(accountId: string | null, category: string): Promise<ConfigReply> {
    if (accountId !== null) await this.account(accountId);
    await this.database.transaction(async (stores) => {
      await stores.configs.delete(accountId ?? SYSTEM_SCOPE, category);
      await this.announce(stores, accountId, category, {});
    });
    return { category, account_id: accountId, config: {}, updated: null };
  }

  private async announce(stores: Stores, accountId: string | null, category: string, config: Record<string, unknown>): Promise<void> {
    if (accountId === null) await stores.events.record('system_config_updated', { category, account_id: null, config });
    else await stores.events.record('account_config_updated', { category, account_id: accountId, config });
  }

  private async account(accountId: string): Promise<void> {
    if (!(await this.database.stores.accounts.get(accountId))) throw accountNotFound(accountId);
  }
}

function stripNulls(doc: Record<string, unknown>): Record<string, unknown> {
  return customerManager.mergeConfig({}, doc);
}
