import { customerManager } from '@voxmesh/contracts';
import { cell, type SqlExecutor, type SqlRow } from '@voxmesh/store';
import { z } from 'zod';
import { decodeStartKey, pageFrom, type Page } from './rows.js';

type Vmbox = customerManager.Vmbox;
type VmMessage = customerManager.VmMessage;

/** The box's settings beyond name and number, kept as one JSON column. */
const settingsSchema = z.object(customerManager.vmboxFields).omit({ name: true, mailbox: true });

function settingsOf(box: Vmbox): string {
  const { id: _id, account_id: _account, name: _name, mailbox: _mailbox, created: _created, updated: _updated, ...settings } = box;
  return JSON.stringify(settings);
}

function boxFromRow(row: SqlRow): Vmbox {
  const read = settingsSchema.safeParse(cell.jsonOr(row.doc, {}));
  return {
    id: cell.text(row.id),
    account_id: cell.text(row.account_id),
    name: cell.text(row.name),
    mailbox: cell.text(row.mailbox),
    ...(read.success ? read.data : {}),
    created: cell.text(row.created),
    updated: cell.text(row.updated),
  };
}

const messageBodySchema = customerManager.vmMessageSchema.omit({ media_id: true, vmbox_id: true, account_id: true, folder: true, timestamp: true });

function messageFromRow(row: SqlRow): VmMessage {
  const read = messageBodySchema.safeParse(cell.jsonOr(row.doc, {}));
  const body = read.success ? read.data : { caller_id_number: '', caller_id_name: '', from: '', to: '', call_id: '', length: 0, media_path: '' };
  const folder = cell.text(row.folder);
  return {
    media_id: cell.text(row.id),
    vmbox_id: cell.text(row.vmbox_id),
    account_id: cell.text(row.account_id),
    folder: folder === 'saved' || folder === 'deleted' ? folder : 'new',
    timestamp: Number(row.timestamp),
    ...body,
  };
}

export class VmboxRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(box: Vmbox): Promise<void> {
    await this.db.execute(`INSERT INTO cm_vmboxes (id, account_id, name, mailbox, doc, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      box.id,
      box.account_id,
      box.name,
      box.mailbox,
      settingsOf(box),
      box.created,
      box.updated,
    ]);
  }

  async update(box: Vmbox): Promise<void> {
    await this.db.execute(`UPDATE cm_vmboxes SET name = ?, mailbox = ?, doc = ?, updated = ? WHERE id = ? AND account_id = ?`, [
      box.name,
      box.mailbox,
      settingsOf(box),
      box.updated,
      box.id,
      box.account_id,
    ]);
  }

  async get(accountId: string, id: string): Promise<Vmbox | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_vmboxes WHERE id = ? AND account_id = ?`, [id, accountId]);
    return rows[0] ? boxFromRow(rows[0]) : undefined;
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Vmbox>> {
    const from = decodeStartKey(startKey) ?? '';
    const rows = await this.db.query(`SELECT * FROM cm_vmboxes WHERE account_id = ? AND id >= ? ORDER BY id LIMIT ?`, [accountId, from, size + 1]);
    return pageFrom(rows, size, (row) => cell.text(row.id), boxFromRow);
  }

  async delete(accountId: string, id: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_vm_messages WHERE vmbox_id = ? AND account_id = ?`, [id, accountId]);
    await this.db.execute(`DELETE FROM cm_vmboxes WHERE id = ? AND account_id = ?`, [id, accountId]);
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_vm_messages WHERE account_id = ?`, [accountId]);
    await this.db.execute(`DELETE FROM cm_vmboxes WHERE account_id = ?`, [accountId]);
  }

  async insertMessage(message: VmMessage): Promise<void> {
    const { media_id: id, vmbox_id: box, account_id: account, folder, timestamp, ...body } = message;
    await this.db.execute(`INSERT INTO cm_vm_messages (id, account_id, vmbox_id, folder, timestamp, doc) VALUES (?, ?, ?, ?, ?, ?)`, [
      id,
      account,
      box,
      folder,
      timestamp,
      JSON.stringify(body),
    ]);
  }

  async setFolder(message: VmMessage): Promise<void> {
    await this.db.execute(`UPDATE cm_vm_messages SET folder = ? WHERE id = ? AND vmbox_id = ? AND account_id = ?`, [message.folder, message.media_id, message.vmbox_id, message.account_id]);
  }

  /** Hands the message to another box of the account, in the given folder. */
  async moveMessage(message: VmMessage, toBox: string): Promise<void> {
    await this.db.execute(`UPDATE cm_vm_messages SET vmbox_id = ?, folder = ? WHERE id = ? AND vmbox_id = ? AND account_id = ?`, [
      toBox,
      message.folder,
      message.media_id,
      message.vmbox_id,
      message.account_id,
    ]);
  }

  async getMessage(accountId: string, vmboxId: string, id: string): Promise<VmMessage | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_vm_messages WHERE id = ? AND vmbox_id = ? AND account_id = ?`, [id, vmboxId, accountId]);
    return rows[0] ? messageFromRow(rows[0]) : undefined;
  }

  /** In id order (ids are random, so the order means nothing but paging); `timestamp` tells when each was left. */
  async listMessages(accountId: string, vmboxId: string, folder: string | undefined, size: number, startKey: string | undefined): Promise<Page<VmMessage>> {
    const from = decodeStartKey(startKey) ?? '';
    const rows = await this.db.query(
      `SELECT * FROM cm_vm_messages WHERE account_id = ? AND vmbox_id = ? AND id >= ?${folder ? ' AND folder = ?' : ''} ORDER BY id LIMIT ?`,
      folder ? [accountId, vmboxId, from, folder, size + 1] : [accountId, vmboxId, from, size + 1],
    );
    return pageFrom(rows, size, (row) => cell.text(row.id), messageFromRow);
  }

  async countMessages(accountId: string, vmboxId: string): Promise<{ new: number; saved: number }> {
    const rows = await this.db.query(`SELECT folder, COUNT(*) AS n FROM cm_vm_messages WHERE account_id = ? AND vmbox_id = ? GROUP BY folder`, [accountId, vmboxId]);
    const count = (folder: string) => Number(rows.find((row) => cell.text(row.folder) === folder)?.n ?? 0);
    return { new: count('new'), saved: count('saved') };
  }

  async deleteMessage(message: VmMessage): Promise<void> {
    await this.db.execute(`DELETE FROM cm_vm_messages WHERE id = ? AND vmbox_id = ? AND account_id = ?`, [message.media_id, message.vmbox_id, message.account_id]);
  }
}
