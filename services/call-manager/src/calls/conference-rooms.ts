import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { VoipError } from '@voxmesh/wire';

/** Pre-defined conferences, read from customer-manager when a caller comes in. */
export class ConferenceRooms {
  constructor(private readonly client: RpcClient<customerManager.CustomerManagerRoutes>) {}

  async get(accountId: string, id: string): Promise<customerManager.Conference | undefined> {
    try {
      return await this.client.call('getConference', { params: { account_id: accountId, id } }, { timeoutMs: 2000 });
    } catch (error) {
      if (error instanceof VoipError && error.status === 'NOT_FOUND') return undefined;
      throw error;
    }
  }
}
