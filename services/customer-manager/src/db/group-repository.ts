import { customerManager } from '@voxmesh/contracts';
import type { SqlExecutor, SqlRow } from '@voxmesh/store';
import { parseJson } from '@voxmesh/wire';
import { z } from 'zod';
import { decodeStartKey, pageFrom, text, type Page } from './rows.js';

type Group = customerManager.Group;

/** The document beyond its name, kept as one JSON column: Kazoo reads and writes it whole. */
const bodySchema = z.object({
  endpoints: customerManager.groupEndpointsSchema.catch({}),
  music_on_hold: customerManager.groupFields.music_on_hold.catch(undefined),
  flags: customerManager.groupFields.flags.catch(undefined),
});

function body(group: Group): string {
  return JSON.stringify({
    endpoints: group.endpoints,
    ...(group.music_on_hold !== undefined ? { music_on_hold: group.music_on_hold } : {}),
    ...(group.flags !== undefined ? { flags: group.flags } : {}),
  });
}

/** A column this service wrote; what does not read back is left out rather than failing the row. */
function fromRow(row: SqlRow): Group {
  let stored: unknown = {};
  try {
    stored = parseJson(text(row.doc));
  } catch {
    stored = {};
  }
  const read = bodySchema.safeParse(stored);
  const doc = read.success ? read.data : { endpoints: {} };
  return {
    id: text(row.id),
    account_id: text(row.account_id),
    name: text(row.name),
    endpoints: doc.endpoints,
    ...(doc.music_on_hold !== undefined ? { music_on_hold: doc.music_on_hold } : {}),
    ...(doc.flags !== undefined ? { flags: doc.flags } : {}),
    created: text(row.created),
    updated: text(row.updated),
  };
}

export class GroupRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(group: Group): Promise<void> {
    await this.db.execute(`INSERT INTO cm_groups (id, account_id, name, doc, created, updated) VALUES (?, ?, ?, ?, ?, ?)`, [
      group.id,
      group.account_id,
      group.name,
      body(group),
      group.created,
      group.updated,
    ]);
  }

  async update(group: Group): Promise<void> {
    await this.db.execute(`UPDATE cm_groups SET name = ?, doc = ?, updated = ? WHERE id = ? AND account_id = ?`, [group.name, body(group), group.updated, group.id, group.account_id]);
  }

  async get(accountId: string, id: string): Promise<Group | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_groups WHERE id = ? AND account_id = ?`, [id, accountId]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Group>> {
    const from = decodeStartKey(startKey) ?? '';
    const rows = await this.db.query(`SELECT * FROM cm_groups WHERE account_id = ? AND id >= ? ORDER BY id LIMIT ?`, [accountId, from, size + 1]);
    return pageFrom(rows, size, (row) => text(row.id), fromRow);
  }

  async delete(accountId: string, id: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_groups WHERE id = ? AND account_id = ?`, [id, accountId]);
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_groups WHERE account_id = ?`, [accountId]);
  }
}
