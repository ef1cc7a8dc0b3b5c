import { customerManager } from '@voxmesh/contracts';
import type { SqlExecutor, SqlRow } from '@voxmesh/store';
import { parseJson } from '@voxmesh/wire';
import { z } from 'zod';
import { decodeStartKey, pageFrom, text, type Page } from './rows.js';

type Resource = customerManager.Resource;

/** The resource beyond its name, as one JSON column: Kazoo reads and writes it whole. */
const bodySchema = z.object(customerManager.resourceFields).omit({ name: true });

function fromRow(row: SqlRow): Resource {
  let stored: unknown;
  try {
    stored = parseJson(text(row.doc));
  } catch {
    stored = {};
  }
  const read = bodySchema.safeParse(stored);
  return {
    id: text(row.id),
    scope: text(row.scope),
    name: text(row.name),
    ...(read.success ? read.data : { gateways: [] }),
    created: text(row.created),
    updated: text(row.updated),
  };
}

function body(resource: Resource): string {
  const { id: _id, scope: _scope, name: _name, created: _created, updated: _updated, ...rest } = resource;
  return JSON.stringify(rest);
}

/** Carriers: `scope` is `system` for the platform's, else the owning account's id. */
export class ResourceRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(resource: Resource): Promise<void> {
    await this.db.execute(`INSERT INTO cm_resources (id, scope, name, doc, created, updated) VALUES (?, ?, ?, ?, ?, ?)`, [
      resource.id,
      resource.scope,
      resource.name,
      body(resource),
      resource.created,
      resource.updated,
    ]);
  }

  async update(resource: Resource): Promise<void> {
    await this.db.execute(`UPDATE cm_resources SET name = ?, doc = ?, updated = ? WHERE id = ? AND scope = ?`, [resource.name, body(resource), resource.updated, resource.id, resource.scope]);
  }

  async get(scope: string, id: string): Promise<Resource | undefined> {
    const rows = await this.db.query(`SELECT * FROM cm_resources WHERE id = ? AND scope = ?`, [id, scope]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async list(scope: string, size: number, startKey: string | undefined): Promise<Page<Resource>> {
    const from = decodeStartKey(startKey) ?? '';
    const rows = await this.db.query(`SELECT * FROM cm_resources WHERE scope = ? AND id >= ? ORDER BY id LIMIT ?`, [scope, from, size + 1]);
    return pageFrom(rows, size, (row) => text(row.id), fromRow);
  }

  async delete(scope: string, id: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_resources WHERE id = ? AND scope = ?`, [id, scope]);
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_resources WHERE scope = ?`, [accountId]);
  }
}
