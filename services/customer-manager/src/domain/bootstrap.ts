import type { customerManager } from '@voxmesh/contracts';
import { withLock, type Cache } from '@voxmesh/store';
import { VoipError } from '@voxmesh/wire';
import type { Database } from '../db/stores.js';
import type { AccountService } from './accounts.js';
import type { AuthService } from './auth.js';
import { sha256 } from './secrets.js';

type BootstrapReply = customerManager.BootstrapReply;

export interface BootstrapOptions {
  database: Database;
  cache: Cache;
  accounts: AccountService;
  auth: AuthService;
}

/**
 * The master account: made at first start when there is none. Replicas and gateways
 * that start together take a lock, so exactly one master is made.
 */
export class Bootstrapper {
  constructor(private readonly options: BootstrapOptions) {}

  async run(body: { api_key?: string | undefined; name?: string | undefined }): Promise<BootstrapReply> {
    const { cache, database, accounts, auth } = this.options;
    return withLock(cache, 'customer-manager:bootstrap', { ttlMs: 15_000, waitMs: 15_000, retryEveryMs: 50 }, async () => {
      const root = await database.stores.accounts.root();
      if (!root) {
        const master = await accounts.create(null, { name: body.name ?? 'master' });
        const key = await auth.createApiKey(master.id, 'master', body.api_key);
        return { account_id: master.id, account_name: master.name, created: true, api_key: key.api_key };
      }
      if (body.api_key === undefined) return { account_id: root.id, account_name: root.name, created: false, api_key: null };
      const holder = await database.stores.apiKeys.byHash(sha256(body.api_key));
      if (holder && holder.account_id !== root.id) throw VoipError.conflict('that key belongs to another account', 'KEY_TAKEN');
      if (!holder) await auth.createApiKey(root.id, 'master', body.api_key);
      return { account_id: root.id, account_name: root.name, created: false, api_key: body.api_key };
    });
  }
}
