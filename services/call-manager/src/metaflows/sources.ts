import type { RpcClient } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import type { customerManager, flowManager } from '@voxmesh/contracts';
import type { Call } from '../contract.js';
import { hasEntries, mergeMetaflows } from './merge.js';

/** A lookup waits this long: a key press does not wait for a slow directory. */
const LOOKUP_TIMEOUT_MS = 1000;

export interface MetaflowSourcesDeps {
  flows: RpcClient<flowManager.FlowManagerRoutes>;
  customers: RpcClient<customerManager.CustomerManagerRoutes>;
  logger: Logger;
}

type Owner = { owner_type: flowManager.MetaflowOwnerType; owner_id: string };

/**
 * The metaflows a call has: those of its account, its callflow, its device and the
 * device's user, merged key by key in that order (the user's win). A call whose
 * callflow, device and user have none gets the account's only when `default_metaflow`
 * is on in the account's `metaflows` config (else the system's).
 */
export class MetaflowSources {
  constructor(private readonly deps: MetaflowSourcesDeps) {}

  async forCall(call: Readonly<Call>): Promise<flowManager.Metaflows | undefined> {
    const accountId = call.account_id;
    if (accountId === '') return undefined;
    const owners: Owner[] = [];
    if (call.flow_id !== '') owners.push({ owner_type: 'callflows', owner_id: call.flow_id });
    if (call.device) owners.push({ owner_type: 'devices', owner_id: call.device.id });
    const userId = call.device?.user_id || call.owner_id;
    if (userId !== '') owners.push({ owner_type: 'users', owner_id: userId });
    const [account, ...own] = await Promise.all([this.accountDocument(accountId), ...owners.map((owner) => this.ownerDocument(accountId, owner))]);
    const endpoints = own.filter(hasEntries);
    if (endpoints.length === 0) return hasEntries(account) && (await this.defaultMetaflow(accountId)) ? mergeMetaflows([account]) : undefined;
    return mergeMetaflows([account, ...own]);
  }

  private async accountDocument(accountId: string): Promise<flowManager.Metaflows> {
    try {
      return await this.deps.flows.call('getAccountMetaflows', { params: { account_id: accountId } }, { timeoutMs: LOOKUP_TIMEOUT_MS });
    } catch (error) {
      this.deps.logger.debug({ err: error, account_id: accountId }, "account's metaflows not read");
      return {};
    }
  }

  private async ownerDocument(accountId: string, owner: Owner): Promise<flowManager.Metaflows> {
    try {
      return await this.deps.flows.call('getOwnerMetaflows', { params: { account_id: accountId, ...owner } }, { timeoutMs: LOOKUP_TIMEOUT_MS });
    } catch (error) {
      this.deps.logger.debug({ err: error, account_id: accountId, ...owner }, 'metaflows not read');
      return {};
    }
  }

  /** The account's effective `metaflows` config: the account's own over the system's. */
  private async defaultMetaflow(accountId: string): Promise<boolean> {
    try {
      const reply = await this.deps.customers.call('getEffectiveConfig', { params: { account_id: accountId, category: 'metaflows' } }, { timeoutMs: LOOKUP_TIMEOUT_MS });
      const value = reply.config['default_metaflow'];
      return value === true || value === 'true';
    } catch (error) {
      this.deps.logger.debug({ err: error, account_id: accountId }, 'metaflows config not read');
      return false;
    }
  }
}
