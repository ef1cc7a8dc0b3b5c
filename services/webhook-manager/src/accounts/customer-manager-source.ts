import { z } from 'zod';
import { webhookManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { VoipError, defineContract } from '@voxmesh/wire';
import type { DirectoryEntry } from '../db/account-repository.js';
import type { AccountSource } from './account-directory.js';

/**
 * The one customer-manager route webhook-manager reads, as it expects it to be served
 * (`GET /v1/accounts/:id` answering the account document). customer-manager does not
 * exist yet; when it publishes its contract, this table should be replaced by it.
 */
export const customerManagerAccounts = defineContract('customer-manager', {
  getAccount: { method: 'GET', path: '/v1/accounts/:id', reply: webhookManager.accountEventDataSchema },
});

export function directoryEntryOf(data: z.infer<typeof webhookManager.accountEventDataSchema>): DirectoryEntry {
  return {
    id: data.id,
    parentId: data.parent_id ?? (data.tree && data.tree.length > 0 ? data.tree[data.tree.length - 1]! : null),
    tree: data.tree ?? null,
    webhookUri: data.webhook_uri ?? null,
    webhookMethod: data.webhook_method ? data.webhook_method.toUpperCase() : null,
    webhookSecret: data.webhook_secret ?? undefined,
  };
}

/** Looks accounts up at customer-manager; a missing account or an absent service is a miss, not an error. */
export class CustomerManagerSource implements AccountSource {
  constructor(
    private readonly client: RpcClient<typeof customerManagerAccounts.routes>,
    private readonly timeoutMs = 1000,
  ) {}

  async fetch(id: string): Promise<DirectoryEntry | undefined> {
    try {
      return directoryEntryOf(await this.client.call('getAccount', { params: { id } }, { timeoutMs: this.timeoutMs }));
    } catch (error) {
      if (error instanceof VoipError && error.status === 'NOT_FOUND') return undefined;
      throw error;
    }
  }
}
