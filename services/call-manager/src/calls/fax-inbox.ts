import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';

const TIMEOUT_MS = 2000;

/** Where a received fax goes: customer-manager keeps the account's inbox. */
export class FaxInbox {
  constructor(private readonly client: RpcClient<customerManager.CustomerManagerRoutes>) {}

  async store(accountId: string, fax: customerManager.FaxInput): Promise<customerManager.Fax> {
    return this.client.call('createFax', { params: { account_id: accountId }, body: fax }, { timeoutMs: TIMEOUT_MS });
  }
}
