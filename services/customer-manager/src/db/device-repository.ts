import type { customerManager } from '@voxmesh/contracts';
import { cell, RowMapping, storedFields, type SqlExecutor } from '@voxmesh/store';
import { callSettingsColumn, callSettingsFromColumn } from './call-settings.js';
import { AccountOwnedRows, type Page } from './rows.js';

type Device = customerManager.Device;

/** The realm is the account's and is filled in on the way out. */
export type DeviceRecord = Omit<Device, 'sip'> & { sip: { username: string; password: string } };

const deviceFields = storedFields({
  id: cell.text,
  account_id: cell.text,
  name: cell.text,
  device_type: (value) => cell.text(value) as Device['device_type'],
  enabled: cell.bool,
  owner_id: cell.nullableText,
  created: cell.text,
  updated: cell.text,
});

const deviceRows = new RowMapping<DeviceRecord>({
  table: 'cm_devices',
  columns: [
    ...deviceFields.columns,
    { name: 'sip_username', value: (device) => device.sip.username },
    { name: 'sip_password', value: (device) => device.sip.password },
    // How the device is rung (call_forward, do_not_disturb, presence_id, hotdesk), one JSON document.
    { name: 'call_settings', value: (device) => callSettingsColumn(device) },
  ],
  fromRow: (row) => ({ ...deviceFields.read(row), ...callSettingsFromColumn(row.call_settings), sip: { username: cell.text(row.sip_username), password: cell.text(row.sip_password) } }),
});

const MUTABLE = ['name', 'device_type', 'enabled', 'owner_id', 'sip_username', 'sip_password', 'call_settings', 'updated'];

export class DeviceRepository extends AccountOwnedRows<DeviceRecord> {
  constructor(db: SqlExecutor) {
    super(db, deviceRows);
  }

  async update(device: DeviceRecord): Promise<void> {
    await this.rewrite(device, MUTABLE);
  }

  list(accountId: string, size: number, startKey: string | undefined): Promise<Page<DeviceRecord>> {
    return this.page(accountId, size, startKey, (device) => device);
  }

  /** A deleted user's devices stay, unowned (Kazoo keeps them too). */
  async disown(accountId: string, ownerId: string): Promise<void> {
    await this.db.execute(`UPDATE cm_devices SET owner_id = NULL WHERE account_id = ? AND owner_id = ?`, [accountId, ownerId]);
  }
}
