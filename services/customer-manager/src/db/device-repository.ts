import type { customerManager } from '@voxmesh/contracts';
import type { SqlExecutor, SqlRow } from '@voxmesh/store';
import { callSettingsColumn, callSettingsFromColumn } from './call-settings.js';
import { bool, decodeStartKey, nullableText, pageFrom, text, type Page } from './rows.js';

type Device = customerManager.Device;

/** The realm is the account's and is filled in on the way out. */
export type DeviceRecord = Omit<Device, 'sip'> & { sip: { username: string; password: string } };

function fromRow(row: SqlRow): DeviceRecord {
  const type = text(row.device_type) as Device['device_type'];
  return {
    id: text(row.id),
    account_id: text(row.account_id),
    name: text(row.name),
    device_type: type,
    enabled: bool(row.enabled),
    owner_id: nullableText(row.owner_id),
    sip: { username: text(row.sip_username), password: text(row.sip_password) },
    ...callSettingsFromColumn(row.call_settings),
    created: text(row.created),
    updated: text(row.updated),
  };
}

export class DeviceRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(device: DeviceRecord): Promise<void> {
    await this.db.execute(
      `INSERT INTO cm_devices (id, account_id, name, device_type, enabled, owner_id, sip_username, sip_password, call_settings, created, updated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        device.id,
        device.account_id,
        device.name,
        device.device_type,
        device.enabled ? 1 : 0,
        device.owner_id,
        device.sip.username,
        device.sip.password,
        callSettingsColumn(device),
        device.created,
        device.updated,
      ],
    );
  }

  async update(device: DeviceRecord): Promise<void> {
    await this.db.execute(
      `UPDATE cm_devices SET name = ?, device_type = ?, enabled = ?, owner_id = ?, sip_username = ?, sip_password = ?, call_settings = ?, updated = ?
       WHERE id = ? AND account_id = ?`,
      [
        device.name,
        device.device_type,
        device.enabled ? 1 : 0,
        device.owner_id,
        device.sip.username,
        device.sip.password,
        callSettingsColumn(device),
        device.updated,
        device.id,
        device.account_id,
      ],
    );
  }

  async get(accountId: string, id: string): Promise<DeviceRecord | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_devices WHERE id = ? AND account_id = ?`, [id, accountId]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<DeviceRecord>> {
    const from = decodeStartKey(startKey) ?? '';
    const rows = await this.db.query(`SELECT * FROM cm_devices WHERE account_id = ? AND id >= ? ORDER BY id LIMIT ?`, [accountId, from, size + 1]);
    return pageFrom(rows, size, (row) => text(row.id), fromRow);
  }

  async delete(accountId: string, id: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_devices WHERE id = ? AND account_id = ?`, [id, accountId]);
  }

  /** A deleted user's devices stay, unowned (Kazoo keeps them too). */
  async disown(accountId: string, ownerId: string): Promise<void> {
    await this.db.execute(`UPDATE cm_devices SET owner_id = NULL WHERE account_id = ? AND owner_id = ?`, [accountId, ownerId]);
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_devices WHERE account_id = ?`, [accountId]);
  }
}
