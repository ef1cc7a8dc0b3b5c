import { customerManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { Page } from '../db/rows.js';
import { nowIso } from '../db/rows.js';
import type { Database, Stores } from '../db/stores.js';
import { accountNotFound } from './errors.js';
import { patchedInput } from './patching.js';
import { newId } from './secrets.js';

type Faxbox = customerManager.Faxbox;
type Fax = customerManager.Fax;

/** Kazoo counts time in Gregorian seconds. */
const GREGORIAN_OFFSET_SECONDS = 62_167_219_200;
const STORED = ['id', 'account_id', 'created', 'updated'];

/** Kazoo's `faxboxes` and the faxes received into the account's inbox. */
export class FaxboxService {
  constructor(private readonly options: { database: Database }) {}

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Faxbox>> {
    await this.account(accountId);
    return this.stores.faxboxes.list(accountId, size, startKey);
  }

  get(accountId: string, id: string): Promise<Faxbox> {
    return this.record(accountId, id);
  }

  async create(accountId: string, input: customerManager.FaxboxInput): Promise<Faxbox> {
    await this.account(accountId);
    await this.owner(accountId, input.owner_id);
    const now = nowIso();
    const faxbox: Faxbox = { id: newId(), account_id: accountId, ...input, created: now, updated: now };
    await this.options.database.transaction(async (stores) => {
      await stores.faxboxes.insert(faxbox);
      await stores.events.record('faxbox_created', faxbox);
    });
    return faxbox;
  }

  async replace(accountId: string, id: string, input: customerManager.FaxboxInput): Promise<Faxbox> {
    const current = await this.record(accountId, id);
    if (input.owner_id !== current.owner_id) await this.owner(accountId, input.owner_id);
    const faxbox: Faxbox = { id, account_id: accountId, ...input, created: current.created, updated: nowIso() };
    await this.options.database.transaction(async (stores) => {
      await stores.faxboxes.update(faxbox);
      await stores.events.record('faxbox_updated', faxbox);
    });
    return faxbox;
  }

  async patch(accountId: string, id: string, patch: customerManager.FaxboxPatch): Promise<Faxbox> {
    const current = await this.record(accountId, id);
    return this.replace(accountId, id, patchedInput(current, patch, customerManager.faxboxInputSchema, STORED));
  }

  async delete(accountId: string, id: string): Promise<Faxbox> {
    const faxbox = await this.record(accountId, id);
    await this.options.database.transaction(async (stores) => {
      await stores.faxboxes.delete(accountId, id);
      await stores.events.record('faxbox_deleted', faxbox);
    });
    return faxbox;
  }

  async listFaxes(accountId: string, folder: Fax['folder'], size: number, startKey: string | undefined): Promise<Page<Fax>> {
    await this.account(accountId);
    return this.stores.faxes.list(accountId, folder, size, startKey);
  }

  /** A fax a call received or sent (or failed to): kept in its folder and announced either way, as Kazoo's fax app does. */
  async createFax(accountId: string, input: customerManager.FaxInput): Promise<Fax> {
    await this.account(accountId);
    if (input.faxbox_id !== undefined && !(await this.stores.faxboxes.get(accountId, input.faxbox_id))) {
      throw VoipError.invalidArgument('faxbox_id', `fax box ${input.faxbox_id} does not exist in this account`);
    }
    const fax: Fax = { id: newId(), account_id: accountId, timestamp: Math.floor(Date.now() / 1000) + GREGORIAN_OFFSET_SECONDS, ...input, folder: input.folder ?? 'inbox' };
    await this.options.database.transaction(async (stores) => {
      await stores.faxes.insert(fax);
      await stores.events.record('fax_created', fax);
    });
    return fax;
  }

  async getFax(accountId: string, id: string): Promise<Fax> {
    await this.account(accountId);
    const fax = await this.stores.faxes.get(accountId, id);
    if (!fax) throw VoipError.notFound(`fax ${id} does not exist in account ${accountId}`);
    return fax;
  }

  async deleteFax(accountId: string, id: string): Promise<Fax> {
    const fax = await this.getFax(accountId, id);
    await this.options.database.transaction(async (stores) => {
      await stores.faxes.delete(accountId, id);
      await stores.events.record('fax_deleted', fax);
    });
    return fax;
  }

  private async owner(accountId: string, ownerId: string | undefined): Promise<void> {
    if (ownerId !== undefined && !(await this.stores.users.get(accountId, ownerId))) throw VoipError.invalidArgument('owner_id', `user ${ownerId} does not exist in this account`);
  }

  private async account(accountId: string): Promise<void> {
    if (!(await this.stores.accounts.get(accountId))) throw accountNotFound(accountId);
  }

  private async record(accountId: string, id: string): Promise<Faxbox> {
    await this.account(accountId);
    const faxbox = await this.stores.faxboxes.get(accountId, id);
    if (!faxbox) throw VoipError.notFound(`fax box ${id} does not exist in account ${accountId}`);
    return faxbox;
  }
}
