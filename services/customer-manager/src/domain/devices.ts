import type { customerManager } from '@voxmesh/contracts';
import { isDuplicateKey } from '@voxmesh/store';
import { VoipError } from '@voxmesh/wire';
import { patchCallSettings, pickCallSettings } from '../db/call-settings.js';
import type { DeviceRecord } from '../db/device-repository.js';
import type { Page } from '../db/rows.js';
import { nowIso } from '../db/rows.js';
import type { Database, Stores } from '../db/stores.js';
import { accountNotFound, notUnique } from './errors.js';
import { newId, newSipPassword } from './secrets.js';

type Device = customerManager.Device;
type DeviceInput = customerManager.DeviceInput;
type DevicePatch = customerManager.DevicePatch;

export interface DeviceServiceOptions {
  database: Database;
}

export class DeviceService {
  constructor(private readonly options: DeviceServiceOptions) {}

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Device>> {
    const realm = await this.realm(accountId);
    const page = await this.stores.devices.list(accountId, size, startKey);
    return { ...page, result: page.result.map((record) => withRealm(record, realm)) };
  }

  async get(accountId: string, id: string): Promise<Device> {
    const realm = await this.realm(accountId);
    return withRealm(await this.record(accountId, id), realm);
  }

  async create(accountId: string, input: DeviceInput): Promise<Device> {
    const realm = await this.realm(accountId);
    await this.owner(accountId, input.owner_id ?? null);
    const now = nowIso();
    const record: DeviceRecord = {
      id: newId(),
      account_id: accountId,
      name: input.name,
      device_type: input.device_type ?? 'sip_device',
      enabled: input.enabled ?? true,
      owner_id: input.owner_id ?? null,
      sip: { username: input.sip.username, password: input.sip.password ?? newSipPassword() },
      ...pickCallSettings(input),
      created: now,
      updated: now,
    };
    const device = withRealm(record, realm);
    await this.options.database.transaction(async (stores) => {
      await this.unique(() => stores.devices.insert(record), record.sip.username);
      await stores.events.record('device_created', device);
    });
    return device;
  }

  async replace(accountId: string, id: string, input: DeviceInput): Promise<Device> {
    return this.change(accountId, id, (current) => ({
      ...withoutCallSettings(current),
      ...pickCallSettings(input),
      name: input.name,
      device_type: input.device_type ?? 'sip_device',
      enabled: input.enabled ?? true,
      owner_id: input.owner_id ?? null,
      sip: { username: input.sip.username, password: input.sip.password ?? current.sip.password },
    }));
  }

  async patch(accountId: string, id: string, patch: DevicePatch): Promise<Device> {
    return this.change(accountId, id, (current) => ({
      ...withoutCallSettings(current),
      ...patchCallSettings(current, patch),
      name: patch.name ?? current.name,
      device_type: patch.device_type === null ? 'sip_device' : (patch.device_type ?? current.device_type),
      enabled: patch.enabled === null ? true : (patch.enabled ?? current.enabled),
      owner_id: patch.owner_id === undefined ? current.owner_id : patch.owner_id,
      sip: { username: patch.sip?.username ?? current.sip.username, password: patch.sip?.password ?? current.sip.password },
    }));
  }

  async delete(accountId: string, id: string): Promise<Device> {
    const realm = await this.realm(accountId);
    const record = await this.record(accountId, id);
    const device = withRealm(record, realm);
    await this.options.database.transaction(async (stores) => {
      await stores.devices.delete(accountId, id);
      await stores.events.record('device_deleted', device);
    });
    return device;
  }

  private async change(accountId: string, id: string, apply: (current: DeviceRecord) => DeviceRecord): Promise<Device> {
    const realm = await this.realm(accountId);
    const current = await this.record(accountId, id);
    const next = { ...apply(current), updated: nowIso() };
    if (next.owner_id !== current.owner_id) await this.owner(accountId, next.owner_id);
    const device = withRealm(next, realm);
    await this.options.database.transaction(async (stores) => {
      await this.unique(() => stores.devices.update(next), next.sip.username);
      await stores.events.record('device_updated', device);
    });
    return device;
  }

  private async owner(accountId: string, ownerId: string | null): Promise<void> {
    if (ownerId === null) return;
    if (!(await this.stores.users.get(accountId, ownerId))) throw VoipError.invalidArgument('owner_id', `user ${ownerId} does not exist in this account`);
  }

  private async realm(accountId: string): Promise<string> {
    const account = await this.stores.accounts.get(accountId);
    if (!account) throw accountNotFound(accountId);
    return account.realm;
  }

  private async record(accountId: string, id: string): Promise<DeviceRecord> {
    const record = await this.stores.devices.get(accountId, id);
    if (!record) throw VoipError.notFound(`device ${id} does not exist in account ${accountId}`);
    return record;
  }

  private async unique(write: () => Promise<void>, username: string): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isDuplicateKey(error)) throw notUnique('sip.username', `SIP username ${username} is taken in this account`);
      throw error;
    }
  }
}

function withoutCallSettings(record: DeviceRecord): DeviceRecord {
  const { call_forward: _forward, do_not_disturb: _dnd, presence_id: _presence, hotdesk: _hotdesk, ...rest } = record;
  return rest;
}

function withRealm(record: DeviceRecord, realm: string): Device {
  return { ...record, sip: { ...record.sip, realm } };
}
