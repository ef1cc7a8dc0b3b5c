import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { VoipError, emptyRecord } from '@voxmesh/wire';
import type { DirectoryUser, HotdeskStore, HotdeskUser } from '../actions/types.js';

const PAGE_SIZE = 500;

type User = customerManager.User;

function hotdeskUser(user: User): HotdeskUser {
  return { id: user.id, hotdesk: user.hotdesk ?? {} };
}

/**
 * customer-manager's users and devices as hotdesk reads and changes them, and the users
 * a directory lists. Users are found by hotdesk id or directory by going through the
 * account's users, as Kazoo asks a view.
 */
export class CustomerManagerUsers implements HotdeskStore {
  constructor(private readonly client: RpcClient<customerManager.CustomerManagerRoutes>) {}

  async user(accountId: string, id: string, timeoutMs: number): Promise<HotdeskUser | undefined> {
    try {
      return hotdeskUser(await this.client.call('getUser', { params: { account_id: accountId, id } }, { timeoutMs }));
    } catch (error) {
      if (error instanceof VoipError && (error.status === 'NOT_FOUND' || error.status === 'INVALID_ARGUMENT')) return undefined;
      throw error;
    }
  }

  async userByHotdeskId(accountId: string, hotdeskId: string, timeoutMs: number): Promise<HotdeskUser | undefined> {
    const found: User[] = [];
    await this.pages('listUsers', accountId, timeoutMs, (users: User[]) => found.push(...users.filter((user) => user.hotdesk?.id === hotdeskId)));
    return found.length === 1 ? hotdeskUser(found[0]!) : undefined;
  }

  async users(accountId: string, timeoutMs: number): Promise<DirectoryUser[]> {
    const users: DirectoryUser[] = [];
    await this.pages('listUsers', accountId, timeoutMs, (page: User[]) =>
      users.push(...page.filter((user) => user.enabled).map((user) => ({ id: user.id, first_name: user.first_name, last_name: user.last_name, directories: user.directories ?? {} }))),
    );
    return users;
  }

  async devices(accountId: string, timeoutMs: number): Promise<{ id: string; users: string[] }[]> {
    const devices: { id: string; users: string[] }[] = [];
    await this.pages('listDevices', accountId, timeoutMs, (page: customerManager.Device[]) => devices.push(...page.map((device) => ({ id: device.id, users: Object.keys(device.hotdesk?.users ?? {}) }))));
    return devices;
  }

  async setUsers(accountId: string, deviceId: string, users: string[], timeoutMs: number): Promise<void> {
    const keyed = emptyRecord<Record<string, never>>();
    for (const id of users) keyed[id] = {};
    await this.client.call('patchDevice', { params: { account_id: accountId, id: deviceId }, body: { hotdesk: { users: keyed } } }, { timeoutMs });
  }

  private async pages<T>(route: 'listUsers' | 'listDevices', accountId: string, timeoutMs: number, take: (page: T[]) => void): Promise<void> {
    let startKey: string | undefined;
    do {
      const page = await this.client.call(route, { params: { account_id: accountId }, query: { page_size: PAGE_SIZE, ...(startKey ? { start_key: startKey } : {}) } }, { timeoutMs });
      take(page.result as T[]);
      startKey = page.next_start_key;
    } while (startKey !== undefined);
  }
}
