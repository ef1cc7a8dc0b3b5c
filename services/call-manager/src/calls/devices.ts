import type { RpcClient } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import type { customerManager } from '@voxmesh/contracts';
import type { CallDevice } from '../contract.js';

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

const PAGE_SIZE = 500;
/** A lookup waits this long for customer-manager: a call does not wait for a slow directory. */
const LOOKUP_TIMEOUT_MS = 1000;

/**
 * Finds the registered device a call comes from, by its SIP username, and the user who
 * owns it. customer-manager keeps devices per account (the username is unique within
 * one), so an account's devices are read once and kept for a while, and dropped when
 * customer-manager says one changed. The account is the one of the SIP realm the
 * caller authenticated in when it names one, else the one the dialled number belongs to.
 */
export class DeviceDirectory {
  private readonly accounts = new Map<string, Entry<Map<string, CallDevice>>>();
  private readonly realms = new Map<string, Entry<string | undefined>>();

  constructor(
    private readonly client: RpcClient<customerManager.CustomerManagerRoutes>,
    private readonly logger: Logger,
    private readonly ttlMs = 60_000,
  ) {}

  async find(request: { accountId: string; username: string; realm?: string | undefined }): Promise<CallDevice | null> {
    if (request.username === '') return null;
    let accountId = request.accountId;
    if (request.realm !== undefined && request.realm !== '' && !/^[\d.]+$/.test(request.realm)) {
      accountId = (await this.accountOfRealm(request.realm)) ?? accountId;
    }
    if (accountId === '') return null;
    const devices = await this.devicesOf(accountId);
    return devices.get(request.username.toLowerCase()) ?? null;
  }

  /** customer-manager said a device of the account changed. */
  invalidate(accountId: string): void {
    this.accounts.delete(accountId);
  }

  private cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const entry = map.get(key);
    if (entry && Date.now() - entry.at < this.ttlMs) return entry.value;
    const value = load();
    map.set(key, { at: Date.now(), value });
    return value;
  }

  private accountOfRealm(realm: string): Promise<string | undefined> {
    return this.cached(this.realms, realm.toLowerCase(), async () => {
      try {
        const reply = await this.client.call('findAccounts', { query: { realm } }, { timeoutMs: LOOKUP_TIMEOUT_MS });
        return reply.result[0]?.id;
      } catch (error) {
        this.logger.debug({ err: error, realm }, 'realm not looked up');
        return undefined;
      }
    });
  }

  private devicesOf(accountId: string): Promise<Map<string, CallDevice>> {
    return this.cached(this.accounts, accountId, async () => {
      const devices = new Map<string, CallDevice>();
      try {
        let startKey: string | undefined;
        do {
          const page = await this.client.call(
            'listDevices',
            { params: { account_id: accountId }, query: { page_size: PAGE_SIZE, ...(startKey ? { start_key: startKey } : {}) } },
            { timeoutMs: LOOKUP_TIMEOUT_MS },
          );
          for (const device of page.result) {
            if (!device.enabled) continue;
            devices.set(device.sip.username.toLowerCase(), {
              id: device.id,
              account_id: device.account_id,
              user_id: device.owner_id ?? '',
              sip_username: device.sip.username,
              name: device.name,
            });
          }
          startKey = page.next_start_key;
        } while (startKey !== undefined);
      } catch (error) {
        this.logger.debug({ err: error, account_id: accountId }, 'devices not read');
        // Read again sooner than a good answer would be.
        setTimeout(() => this.accounts.delete(accountId), Math.min(this.ttlMs, 10_000)).unref();
      }
      return devices;
    });
  }
}
