import { customerManager } from '@voxmesh/contracts';
import type { SqlExecutor } from '@voxmesh/store';
import { z } from 'zod';
import { namedDocumentRows } from './named-document-rows.js';
import { decodeStartKey, pageFrom, type Page } from './rows.js';

type Resource = customerManager.Resource;

const resourceRows = namedDocumentRows<Resource>('cm_resources', 'scope', z.object(customerManager.resourceFields).omit({ name: true }), { gateways: [] });

/** Carriers: `scope` is `system` for the platform's, else the owning account's id. */
export class ResourceRepository {
  constructor(private readonly db: SqlExecutor) {}

  async insert(resource: Resource): Promise<void> {
    await resourceRows.insert(this.db, resource);
  }

  async update(resource: Resource): Promise<void> {
    await resourceRows.update(this.db, resource, ['name', 'doc', 'updated'], ['id', 'scope']);
  }

  get(scope: string, id: string): Promise<Resource | undefined> {
    return resourceRows.one(this.db, 'id = ? AND scope = ?', [id, scope]);
  }

  async list(scope: string, size: number, startKey: string | undefined): Promise<Page<Resource>> {
    const from = decodeStartKey(startKey) ?? '';
    const records = await resourceRows.many(this.db, 'WHERE scope = ? AND id >= ? ORDER BY id LIMIT ?', [scope, from, size + 1]);
    return pageFrom(records, size, (record) => record.id, (record) => record);
  }

  async delete(scope: string, id: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_resources WHERE id = ? AND scope = ?`, [id, scope]);
  }

  async deleteAccount(accountId: string): Promise<void> {
    await this.db.execute(`DELETE FROM cm_resources WHERE scope = ?`, [accountId]);
  }
}
