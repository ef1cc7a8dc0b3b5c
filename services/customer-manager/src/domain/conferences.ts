import { customerManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { Page } from '../db/rows.js';
import { nowIso } from '../db/rows.js';
import type { Database, Stores } from '../db/stores.js';
import { accountNotFound } from './errors.js';
import { patchedInput } from './patching.js';
import { newId } from './secrets.js';

type Conference = customerManager.Conference;
type ConferenceInput = customerManager.ConferenceInput;

/** Fields the service keeps, not the client. */
const STORED = ['id', 'account_id', 'created', 'updated'];

/** Pre-defined conferences (Kazoo's `conferences`). */
export class ConferenceService {
  constructor(private readonly options: { database: Database }) {}

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Conference>> {
    await this.account(accountId);
    return this.stores.conferences.list(accountId, size, startKey);
  }

  get(accountId: string, id: string): Promise<Conference> {
    return this.record(accountId, id);
  }

  async create(accountId: string, input: ConferenceInput): Promise<Conference> {
    await this.account(accountId);
    await this.owner(accountId, input.owner_id);
    const now = nowIso();
    const conference: Conference = { id: newId(), account_id: accountId, ...input, created: now, updated: now };
    await this.options.database.transaction(async (stores) => {
      await stores.conferences.insert(conference);
      await stores.events.record('conference_created', conference);
    });
    return conference;
  }

  async replace(accountId: string, id: string, input: ConferenceInput): Promise<Conference> {
    const current = await this.record(accountId, id);
    if (input.owner_id !== current.owner_id) await this.owner(accountId, input.owner_id);
    const conference: Conference = { id, account_id: accountId, ...input, created: current.created, updated: nowIso() };
    await this.options.database.transaction(async (stores) => {
      await stores.conferences.update(conference);
      await stores.events.record('conference_updated', conference);
    });
    return conference;
  }

  async patch(accountId: string, id: string, patch: customerManager.ConferencePatch): Promise<Conference> {
    const current = await this.record(accountId, id);
    return this.replace(accountId, id, patchedInput(current, patch, customerManager.conferenceInputSchema, STORED));
  }

  async delete(accountId: string, id: string): Promise<Conference> {
    const conference = await this.record(accountId, id);
    await this.options.database.transaction(async (stores) => {
      await stores.conferences.delete(accountId, id);
      await stores.events.record('conference_deleted', conference);
    });
    return conference;
  }

  private async owner(accountId: string, ownerId: string | undefined): Promise<void> {
    if (ownerId !== undefined && !(await this.stores.users.get(accountId, ownerId))) throw VoipError.invalidArgument('owner_id', `user ${ownerId} does not exist in this account`);
  }

  private async account(accountId: string): Promise<void> {
    if (!(await this.stores.accounts.get(accountId))) throw accountNotFound(accountId);
  }

  private async record(accountId: string, id: string): Promise<Conference> {
    await this.account(accountId);
    const conference = await this.stores.conferences.get(accountId, id);
    if (!conference) throw VoipError.notFound(`conference ${id} does not exist in account ${accountId}`);
    return conference;
  }
}
