import { customerManager } from '@voxmesh/contracts';
import type { SqlExecutor, SqlRow } from '@voxmesh/store';
import { parseJson } from '@voxmesh/wire';
import { z } from 'zod';
import { decodeStartKey, pageFrom, text, type Page } from './rows.js';

type Conference = customerManager.Conference;

/** The conference beyond its name, as one JSON column. */
const bodySchema = z.object(customerManager.conferenceFields).omit({ name: true });

function fromRow(row: SqlRow): Conference {
  let stored: unknown;
  try {
    stored = parseJson(text(row.doc));
  } catch {
    stored = {};
  }
  const read = bodySchema.safeParse(stored);
  return { id: text(row.id), account_id: text(row.account_id), name: text(row.name), ...(read.success ? read.data : {}), created: text(row.created), updated: text(row.updated) };
}

function body(conference: Conference): string {
  const { id: _id, account_id: _account, name: _name, created: _created, updated: _updated, ...rest } = conference;
  return JSON.stringify(rest);
}

export class ConferenceRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(conference: Conference): Promise<void> {
    await this.db.execute(`INSERT INTO cm_conferences (id, account_id, name, doc, created, updated) VALUES (?, ?, ?, ?, ?, ?)`, [
      conference.id,
      conference.account_id,
      conference.name,
      body(conference),
      conference.created,
      conference.updated,
    ]);
  }

  async update(conference: Conference): Promise<void> {
    await this.db.execute(`UPDATE cm_conferences SET name = ?, doc = ?, updated = ? WHERE id = ? AND account_id = ?`, [conference.name, body(conference), conference.updated, conference.id, conference.account_id]);
  }

  async get(accountId: string, id: string): Promise<Conference | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_conferences WHERE id = ? AND account_id = ?`, [id, accountId]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Conference>> {
    const from = decodeStartKey(startKey) ?? '';
    const rows = await this.db.query(`SELECT * FROM cm_conferences WHERE account_id = ? AND id >= ? ORDER BY id LIMIT ?`, [accountId, from, size + 1]);
    return pageFrom(rows, size, (row) => text(row.id), fromRow);
  }

  async delete(accountId: string, id: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_conferences WHERE id = ? AND account_id = ?`, [id, accountId]);
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_conferences WHERE account_id = ?`, [accountId]);
  }
}
