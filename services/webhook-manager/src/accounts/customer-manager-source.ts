import { z } from 'zod';
import { customerManager, webhookManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { VoipError } from '@voxmesh/wire';
import type { DirectoryEntry } from '../db/account-repository.js';
import type { AccountSource } from './account-directory.js';

/** customer-manager's route table; this service reads one route of it (`getAccount`). */
export const customerManagerAccounts = customerManager.customerManagerContract;

/** What an account_* event or customer-manager's account document says, as the directory keeps it. */
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
      const account = await this.client.call('getAccount', { params: { id } }, { timeoutMs: this.timeoutMs });
      return directoryEntryOf(account);
    } catch (error) {
      if (error instanceof VoipError && error.status === 'NOT_FOUND') return undefined;
      throw error;
    }
  }
}
