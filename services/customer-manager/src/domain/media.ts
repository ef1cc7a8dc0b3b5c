import { customerManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { Page } from '../db/rows.js';
import { nowIso } from '../db/rows.js';
import type { Database, Stores } from '../db/stores.js';
import { accountNotFound } from './errors.js';
import { patchedInput } from './patching.js';
import { newId } from './secrets.js';

type Media = customerManager.Media;
type MediaInput = customerManager.MediaInput;

/** Fields the platform keeps, not the client: a replacement keeps the uploaded audio. */
const STORED = ['id', 'account_id', 'created', 'updated', 'content_type', 'content_length', 'media_path'];

/** Kazoo's `media`: prompts an account plays by id. */
export class MediaService {
  constructor(private readonly options: { database: Database }) {}

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Media>> {
    await this.account(accountId);
    return this.stores.media.list(accountId, size, startKey);
  }

  get(accountId: string, id: string): Promise<Media> {
    return this.record(accountId, id);
  }

  async create(accountId: string, input: MediaInput): Promise<Media> {
    await this.account(accountId);
    const now = nowIso();
    const media: Media = { id: newId(), account_id: accountId, ...input, created: now, updated: now };
    await this.options.database.transaction(async (stores) => {
      await stores.media.insert(media);
      await stores.events.record('media_created', media);
    });
    return media;
  }

  async replace(accountId: string, id: string, input: MediaInput): Promise<Media> {
    const current = await this.record(accountId, id);
    const file = { content_type: current.content_type, content_length: current.content_length, media_path: current.media_path };
    return this.write({ ...file, id, account_id: accountId, ...input, created: current.created, updated: nowIso() });
  }

  async patch(accountId: string, id: string, patch: customerManager.MediaPatch): Promise<Media> {
    const current = await this.record(accountId, id);
    return this.replace(accountId, id, patchedInput(current, patch, customerManager.mediaInputSchema, STORED));
  }

  /** The audio was uploaded and written where the media server plays it. */
  async setFile(accountId: string, id: string, file: customerManager.MediaFileSet): Promise<Media> {
    const current = await this.record(accountId, id);
    return this.write({ ...current, ...file, updated: nowIso() });
  }

  async delete(accountId: string, id: string): Promise<Media> {
    const media = await this.record(accountId, id);
    await this.options.database.transaction(async (stores) => {
      await stores.media.delete(accountId, id);
      await stores.events.record('media_deleted', media);
    });
    return media;
  }

  private async write(media: Media): Promise<Media> {
    const clean = Object.fromEntries(Object.entries(media).filter(([, value]) => value !== undefined)) as Media;
    await this.options.database.transaction(async (stores) => {
      await stores.media.update(clean);
      await stores.events.record('media_updated', clean);
    });
    return clean;
  }

  private async account(accountId: string): Promise<void> {
    if (!(await this.stores.accounts.get(accountId))) throw accountNotFound(accountId);
  }

  private async record(accountId: string, id: string): Promise<Media> {
    await this.account(accountId);
    const media = await this.stores.media.get(accountId, id);
    if (!media) throw VoipError.notFound(`media ${id} does not exist in account ${accountId}`);
    return media;
  }
}
