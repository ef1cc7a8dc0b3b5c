import type { customerManager } from '@voxmesh/contracts';
import { isDuplicateKey } from '@voxmesh/store';
import { VoipError } from '@voxmesh/wire';
import { toDoc, type AccountRecord } from '../db/account-repository.js';
import type { Page } from '../db/rows.js';
import { nowIso } from '../db/rows.js';
import type { Database, Stores } from '../db/stores.js';
import { accountNotFound, notUnique } from './errors.js';
import { newId, newWebhookSecret } from './secrets.js';

type AccountDoc = customerManager.AccountDoc;
type AccountInput = customerManager.AccountInput;
type AccountPatch = customerManager.AccountPatch;

/** A tree deeper than this is a mistake or an attack, and the path column would not hold it. */
export const MAX_TREE_DEPTH = 32;
const DEFAULTS = { timezone: 'UTC', language: 'en-us' } as const;

export interface AccountServiceOptions {
  database: Database;
}

/** The account tree: create under a parent, read, replace, merge, delete leaves, walk down. */
export class AccountService {
  constructor(private readonly options: AccountServiceOptions) {}

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async get(id: string): Promise<AccountDoc> {
    return toDoc(await this.record(id));
  }

  async record(id: string, stores: Stores = this.stores): Promise<AccountRecord> {
    const record = await stores.accounts.get(id);
    if (!record) throw accountNotFound(id);
    return record;
  }

  /** Makes an account under `parentId`, or the master when `parentId` is null. */
  async create(parentId: string | null, input: AccountInput): Promise<AccountDoc> {
    const id = newId();
    const now = nowIso();
    const record = await this.options.database.transaction(async (stores) => {
      let path = [id];
      let resellerId: string | null = null;
      if (parentId !== null) {
        const parent = await stores.accounts.get(parentId);
        if (!parent) throw VoipError.invalidArgument('parent_id', `parent account ${parentId} does not exist`);
        if (parent.path.length >= MAX_TREE_DEPTH) throw VoipError.invalidArgument('parent_id', `accounts nest at most ${MAX_TREE_DEPTH} deep`);
        path = [...parent.path, id];
        resellerId = parent.isReseller ? parent.id : parent.resellerId;
      }
      const created: AccountRecord = {
        id,
        parentId,
        path,
        name: input.name,
        realm: input.realm ?? `${id.slice(0, 12)}.sip.voxmesh.local`,
        resellerId,
        // The master bills everyone below it.
        isReseller: parentId === null ? true : (input.is_reseller ?? false),
        enabled: input.enabled ?? true,
        timezone: input.timezone ?? DEFAULTS.timezone,
        language: input.language ?? DEFAULTS.language,
        callerId: input.caller_id,
        webhookUri: input.webhook_uri ?? null,
        webhookMethod: input.webhook_method ?? null,
        webhookSecret: newWebhookSecret(),
        created: now,
        updated: now,
      };
      await this.uniqueRealm(() => stores.accounts.insert(created), created.realm);
      await stores.events.record('account_created', toDoc(created));
      return created;
    });
    return toDoc(record);
  }

  async replace(id: string, input: AccountInput): Promise<AccountDoc> {
    return this.change(id, (current) => ({
      ...current,
      name: input.name,
      realm: input.realm ?? current.realm,
      isReseller: current.parentId === null ? true : (input.is_reseller ?? false),
      enabled: current.parentId === null ? true : (input.enabled ?? true),
      timezone: input.timezone ?? DEFAULTS.timezone,
      language: input.language ?? DEFAULTS.language,
      callerId: input.caller_id,
      webhookUri: input.webhook_uri ?? null,
      webhookMethod: input.webhook_method ?? null,
    }));
  }

  async patch(id: string, patch: AccountPatch): Promise<AccountDoc> {
    return this.change(id, (current) => ({
      ...current,
      name: patch.name ?? current.name,
      realm: patch.realm ?? current.realm,
      isReseller: current.parentId === null ? true : patch.is_reseller === null ? false : (patch.is_reseller ?? current.isReseller),
      enabled: current.parentId === null ? true : patch.enabled === null ? true : (patch.enabled ?? current.enabled),
      timezone: patch.timezone === null ? DEFAULTS.timezone : (patch.timezone ?? current.timezone),
      language: patch.language === null ? DEFAULTS.language : (patch.language ?? current.language),
      // Kazoo's PATCH merges objects: each of external, internal and emergency is replaced whole.
      callerId: patch.caller_id === null ? undefined : patch.caller_id === undefined ? current.callerId : { ...current.callerId, ...patch.caller_id },
      webhookUri: patch.webhook_uri === undefined ? current.webhookUri : patch.webhook_uri,
      webhookMethod: patch.webhook_method === undefined ? current.webhookMethod : patch.webhook_method,
    }));
  }

  async rotateWebhookSecret(id: string): Promise<AccountDoc> {
    return this.change(id, (current) => ({ ...current, webhookSecret: newWebhookSecret() }));
  }

  private async change(id: string, apply: (current: AccountRecord) => AccountRecord): Promise<AccountDoc> {
    const record = await this.options.database.transaction(async (stores) => {
      const current = await this.record(id, stores);
      const next = { ...apply(current), updated: nowIso() };
      await this.uniqueRealm(() => stores.accounts.update(next), next.realm);
      await stores.events.record('account_updated', toDoc(next));
      return next;
    });
    return toDoc(record);
  }

  /**
   * Deletes an account and everything it owns. An account with sub-accounts is refused
   * (delete those first), and so is the master: the platform needs one root.
   */
  async delete(id: string, revokeAll: (stores: Stores, accountId: string) => Promise<string[]>): Promise<{ doc: AccountDoc; revoked: string[] }> {
    const { record, revoked } = await this.options.database.transaction(async (stores) => {
      const current = await this.record(id, stores);
      if (current.parentId === null) throw VoipError.conflict('the master account cannot be deleted', 'MASTER_ACCOUNT');
      if (await stores.accounts.hasChildren(id)) throw VoipError.conflict(`account ${id} has sub-accounts; delete them first`, 'HAS_CHILDREN');
      const revokedTokens = await revokeAll(stores, id);
      await stores.tokens.deleteAccount(id);
      await stores.apiKeys.deleteAccount(id);
      await stores.devices.deleteAccount(id);
      await stores.groups.deleteAccount(id);
      await stores.vmboxes.deleteAccount(id);
      await stores.resources.deleteAccount(id);
      await stores.conferences.deleteAccount(id);
      await stores.media.deleteAccount(id);
      await stores.faxes.deleteAccount(id);
      await stores.faxboxes.deleteAccount(id);
      await stores.users.deleteAccount(id);
      await stores.configs.deleteScope(id);
      await stores.accounts.delete(id);
      await stores.events.record('account_deleted', toDoc(current));
      return { record: current, revoked: revokedTokens };
    });
    return { doc: toDoc(record), revoked };
  }

  async children(id: string, size: number, startKey: string | undefined): Promise<Page<AccountDoc>> {
    await this.record(id);
    return this.stores.accounts.children(id, size, startKey);
  }

  async descendants(id: string, size: number, startKey: string | undefined): Promise<Page<AccountDoc>> {
    await this.record(id);
    return this.stores.accounts.descendants(id, size, startKey);
  }

  async find(query: { name?: string | undefined; realm?: string | undefined }): Promise<AccountDoc[]> {
    if (query.realm !== undefined) return (await this.stores.accounts.byRealm(query.realm)).map(toDoc);
    if (query.name !== undefined) return (await this.stores.accounts.byName(query.name)).map(toDoc);
    throw VoipError.invalidArgument('query.name', 'give name or realm');
  }

  private async uniqueRealm(write: () => Promise<void>, realm: string): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isDuplicateKey(error)) throw notUnique('realm', `realm ${realm} is taken by another account`);
      throw error;
    }
  }
}
