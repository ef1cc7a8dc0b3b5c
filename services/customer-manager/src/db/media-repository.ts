import { customerManager } from '@voxmesh/contracts';
import type { SqlExecutor } from '@voxmesh/store';
import { z } from 'zod';
import { namedDocumentRows } from './named-document-rows.js';
import { AccountOwnedRows, type Page } from './rows.js';

type Media = customerManager.Media;

const mediaRows = namedDocumentRows<Media>('cm_media', 'account_id', z.object({ ...customerManager.mediaFields, ...customerManager.mediaFileFields }).omit({ name: true }), {});

export class MediaRepository extends AccountOwnedRows<Media> {
  constructor(db: SqlExecutor) {
    super(db, mediaRows);
  }

  async update(media: Media): Promise<void> {
    await this.rewrite(media, ['name', 'doc', 'updated']);
  }

  list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Media>> {
    return this.page(accountId, size, startKey, (media) => media);
  }
}
