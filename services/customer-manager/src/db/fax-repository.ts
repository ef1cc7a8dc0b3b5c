import { customerManager } from '@voxmesh/contracts';
import { cell, type SqlExecutor, type SqlRow } from '@voxmesh/store';
import { namedDocumentRows } from './named-document-rows.js';
import { AccountOwnedRows, decodeStartKey, pageFrom, type Page } from './rows.js';
import { z } from 'zod';

type Faxbox = customerManager.Faxbox;
type Fax = customerManager.Fax;

const faxboxRows = namedDocumentRows<Faxbox>('cm_faxboxes', 'account_id', z.object(customerManager.faxboxFields).omit({ name: true }), {});

export class FaxboxRepository extends AccountOwnedRows<Faxbox> {
  constructor(db: SqlExecutor) {
    super(db, faxboxRows);
  }

  async update(faxbox: Faxbox): Promise<void> {
    await this.rewrite(faxbox, ['name', 'doc', 'updated']);
  }

  list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Faxbox>> {
    return this.page(accountId, size, startKey, (faxbox) => faxbox);
  }
}

const faxBodySchema = customerManager.faxInputSchema.omit({ faxbox_id: true, folder: true });

function faxFromRow(row: SqlRow): Fax | undefined {
  const read = faxBodySchema.safeParse(cell.jsonOr(row.doc, {}));
  if (!read.success) return undefined;
  const faxbox = cell.text(row.faxbox_id);
  const folder = cell.text(row.folder) === 'outbox' ? 'outbox' : 'inbox';
  return { id: cell.text(row.id), account_id: cell.text(row.account_id), folder, timestamp: Number(row.timestamp), ...(faxbox === '' ? {} : { faxbox_id: faxbox }), ...read.data };
}

/** Received faxes: the document's fields as JSON beside the keys they are found by. */
export class FaxRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(fax: Fax): Promise<void> {
    const { id, account_id: account, faxbox_id: faxbox, timestamp, folder, ...body } = fax;
    await this.db.execute(`INSERT INTO cm_faxes (id, account_id, folder, faxbox_id, timestamp, doc) VALUES (?, ?, ?, ?, ?, ?)`, [id, account, folder, faxbox ?? '', timestamp, JSON.stringify(body)]);
  }

  async get(accountId: string, id: string): Promise<Fax | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_faxes WHERE id = ? AND account_id = ?`, [id, accountId]);
    return rows[0] === undefined ? undefined : faxFromRow(rows[0]);
  }

  async list(accountId: string, folder: Fax['folder'], size: number, startKey: string | undefined): Promise<Page<Fax>> {
    const from = decodeStartKey(startKey) ?? '';
    const rows = await this.db.query(`SELECT * FROM cm_faxes WHERE account_id = ? AND folder = ? AND id >= ? ORDER BY id LIMIT ?`, [accountId, folder, from, size + 1]);
    const faxes = rows.map(faxFromRow).filter((fax): fax is Fax => fax !== undefined);
    return pageFrom(faxes, size, (fax) => fax.id, (fax) => fax);
  }

  async delete(accountId: string, id: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_faxes WHERE id = ? AND account_id = ?`, [id, accountId]);
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_faxes WHERE account_id = ?`, [accountId]);
  }
}
