import { VoipError } from '@voxmesh/wire';
import { flowManager } from '@voxmesh/contracts';
import type { MetaflowKey, MetaflowRepository } from '../db/metaflow-repository.js';
import type { FlowService } from './flows.js';

/**
 * Metaflow documents (Kazoo's konami configuration) of an account and of its users,
 * devices and callflows. flow-manager keeps them; users and devices are
 * customer-manager's, so their existence is the caller's to check, while a callflow is
 * this service's own and must be the account's.
 */
export class MetaflowService {
  constructor(
    private readonly repository: MetaflowRepository,
    private readonly flows: FlowService,
  ) {}

  async get(key: MetaflowKey): Promise<flowManager.Metaflows> {
    await this.checkOwner(key);
    return (await this.repository.get(key))?.document ?? {};
  }

  async put(key: MetaflowKey, document: flowManager.Metaflows): Promise<flowManager.Metaflows> {
    await this.checkOwner(key);
    await this.repository.put(key, document, new Date().toISOString());
    return document;
  }

  /** Removes the document (a missing one is already removed) and answers the empty one. */
  async delete(key: MetaflowKey): Promise<flowManager.Metaflows> {
    await this.checkOwner(key);
    await this.repository.delete(key);
    return {};
  }

  private async checkOwner(key: MetaflowKey): Promise<void> {
    if (key.owner_type !== 'callflows') return;
    const flow = await this.flows.get(key.owner_id).catch((error: unknown) => {
      if (error instanceof VoipError && error.status === 'NOT_FOUND') return undefined;
      throw error;
    });
    if (!flow || flow.tm_delete !== null || flow.account_id !== key.account_id) throw VoipError.notFound(`no callflow ${key.owner_id}`);
  }
}

/** The key of a request's document, its ids and owner type checked: a bad one names its field. */
export function metaflowKey(params: { account_id: string; owner_type?: string; owner_id?: string }): MetaflowKey {
  const accountId = params.account_id;
  if (accountId.length === 0 || accountId.length > 64) throw VoipError.invalidArgument('account_id', 'account_id: 1 to 64 characters');
  if (params.owner_type === undefined) return { account_id: accountId, owner_type: 'accounts', owner_id: accountId };
  const ownerType = params.owner_type;
  if (!(flowManager.metaflowOwnerTypes as readonly string[]).includes(ownerType)) {
    throw VoipError.invalidArgument('owner_type', `owner_type: metaflows belong to ${flowManager.metaflowOwnerTypes.join(', ')}, not ${ownerType.slice(0, 64)}`);
  }
  const ownerId = params.owner_id ?? '';
  if (ownerId.length === 0 || ownerId.length > 128) throw VoipError.invalidArgument('owner_id', 'owner_id: 1 to 128 characters');
  return { account_id: accountId, owner_type: ownerType as MetaflowKey['owner_type'], owner_id: ownerId };
}
