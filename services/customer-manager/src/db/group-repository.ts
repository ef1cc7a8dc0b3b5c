import { customerManager } from '@voxmesh/contracts';
import type { SqlExecutor } from '@voxmesh/store';
import { z } from 'zod';
import { namedDocumentRows } from './named-document-rows.js';
import { AccountOwnedRows, type Page } from './rows.js';

type Group = customerManager.Group;

/** The group beyond its name: what does not read back is left out rather than failing the row. */
const bodySchema = z.object({
  endpoints: customerManager.groupEndpointsSchema.catch({}),
  music_on_hold: customerManager.groupFields.music_on_hold.catch(undefined),
  flags: customerManager.groupFields.flags.catch(undefined),
});

const groupRows = namedDocumentRows<Group>('cm_groups', 'account_id', bodySchema, { endpoints: {} });

export class GroupRepository extends AccountOwnedRows<Group> {
  constructor(db: SqlExecutor) {
    super(db, groupRows);
  }

  async update(group: Group): Promise<void> {
    await this.rewrite(group, ['name', 'doc', 'updated']);
  }

  list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Group>> {
    return this.page(accountId, size, startKey, (group) => group);
  }
}
