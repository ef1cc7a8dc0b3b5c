import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { VoipError } from '@voxmesh/wire';
import type { CallSettingsDocument, CallSettingsStore } from '../actions/types.js';

type Change = Parameters<CallSettingsStore['save']>[2];

/**
 * customer-manager's users and devices as the call-forward and do-not-disturb feature
 * codes see them. An id is tried as a user first, then as a device, as Kazoo opens any
 * document by id and accepts either type.
 */
export class CustomerManagerCallSettings implements CallSettingsStore {
  constructor(private readonly client: RpcClient<customerManager.CustomerManagerRoutes>) {}

  async find(accountId: string, id: string, timeoutMs: number): Promise<CallSettingsDocument | undefined> {
    const params = { params: { account_id: accountId, id } };
    const user = await missing(() => this.client.call('getUser', params, { timeoutMs }));
    if (user) return { kind: 'user', id: user.id, call_forward: user.call_forward ?? {}, do_not_disturb: user.do_not_disturb ?? {} };
    const device = await missing(() => this.client.call('getDevice', params, { timeoutMs }));
    if (device) return { kind: 'device', id: device.id, call_forward: device.call_forward ?? {}, do_not_disturb: device.do_not_disturb ?? {} };
    return undefined;
  }

  async save(accountId: string, document: CallSettingsDocument, change: Change, timeoutMs: number): Promise<void> {
    const request = { params: { account_id: accountId, id: document.id }, body: change };
    if (document.kind === 'user') await this.client.call('patchUser', request, { timeoutMs });
    else await this.client.call('patchDevice', request, { timeoutMs });
  }
}

/** A document that is not there (or an id that cannot be one) is undefined; other failures are thrown. */
async function missing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof VoipError && (error.status === 'NOT_FOUND' || error.status === 'INVALID_ARGUMENT')) return undefined;
    throw error;
  }
}
