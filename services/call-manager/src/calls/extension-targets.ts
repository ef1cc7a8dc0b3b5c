import type { flowManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { VoipError } from '@voxmesh/wire';

export interface FeatureTarget {
  type: 'device' | 'user' | 'group';
  id: string;
}

const LOOKUP_TIMEOUT_MS = 2000;

/**
 * Who an extension reaches, for feature codes that name one (`*8` + 5001, as Kazoo's
 * `*_feature` callflow modules look it up): the account's callflow of that number, and
 * the devices, users and groups its first ringing action rings. A number of another
 * account, or one whose callflow rings nobody, reaches nobody.
 */
export class ExtensionTargets {
  constructor(private readonly flows: RpcClient<flowManager.FlowManagerRoutes>) {}

  async of(accountId: string, number: string): Promise<FeatureTarget[]> {
    if (number === '') return [];
    const route = await this.flows.call('route', { query: { number } }, { timeoutMs: LOOKUP_TIMEOUT_MS }).catch((error: unknown) => {
      if (error instanceof VoipError && (error.status === 'NOT_FOUND' || error.status === 'INVALID_ARGUMENT')) return undefined;
      throw error;
    });
    if (!route || route.account_id !== accountId) return [];
    const flow = await this.flows.call('getFlow', { params: { id: route.flow_id } }, { timeoutMs: LOOKUP_TIMEOUT_MS });
    const ringing = flow.actions.find((action) => action.type === 'bridge');
    const endpoints = (ringing?.option as { endpoints?: FeatureTarget[] } | undefined)?.endpoints ?? [];
    return endpoints.map((endpoint) => ({ type: endpoint.type, id: endpoint.id }));
  }
}
