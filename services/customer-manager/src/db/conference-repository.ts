import { customerManager } from '@voxmesh/contracts';
import type { SqlExecutor } from '@voxmesh/store';
import { z } from 'zod';
import { namedDocumentRows } from './named-document-rows.js';
import { AccountOwnedRows, type Page } from './rows.js';

type Conference = customerManager.Conference;

const conferenceRows = namedDocumentRows<Conference>('cm_conferences', 'account_id', z.object(customerManager.conferenceFields).omit({ name: true }), {});

export class ConferenceRepository extends AccountOwnedRows<Conference> {
  constructor(db: SqlExecutor) {
    super(db, conferenceRows);
  }

  async update(conference: Conference): Promise<void> {
    await this.rewrite(conference, ['name', 'doc', 'updated']);
  }

  list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Conference>> {
    return this.page(accountId, size, startKey, (conference) => conference);
  }
}
