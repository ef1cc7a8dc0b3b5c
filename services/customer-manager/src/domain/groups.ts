import type { customerManager } from '@voxmesh/contracts';
import { emptyRecord, VoipError } from '@voxmesh/wire';
import type { Page } from '../db/rows.js';
import { nowIso } from '../db/rows.js';
import type { Database, Stores } from '../db/stores.js';
import { accountNotFound } from './errors.js';
import { newId } from './secrets.js';

type Group = customerManager.Group;
type GroupInput = customerManager.GroupInput;
type GroupPatch = customerManager.GroupPatch;

export interface GroupServiceOptions {
  database: Database;
}

/** Groups of users and devices (Kazoo's `groups`), what ring groups ring. */
export class GroupService {
  constructor(private readonly options: GroupServiceOptions) {}

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async list(accountId: string, size: number, startKey: string | undefined): Promise<Page<Group>> {
    await this.account(accountId);
    return this.stores.groups.list(accountId, size, startKey);
  }

  async get(accountId: string, id: string): Promise<Group> {
    return this.record(accountId, id);
  }

  async create(accountId: string, input: GroupInput): Promise<Group> {
    await this.account(accountId);
    const now = nowIso();
    const group: Group = { id: newId(), account_id: accountId, ...withEndpoints(input, input.endpoints), created: now, updated: now };
    await this.options.database.transaction(async (stores) => {
      await stores.groups.insert(group);
      await stores.events.record('group_created', group);
    });
    return group;
  }

  async replace(accountId: string, id: string, input: GroupInput): Promise<Group> {
    return this.change(accountId, id, (current) => ({ id, account_id: accountId, ...withEndpoints(input, input.endpoints), created: current.created, updated: current.updated }));
  }

  async patch(accountId: string, id: string, patch: GroupPatch): Promise<Group> {
    return this.change(accountId, id, (current) => {
      const endpoints = emptyRecord<customerManager.GroupMember>();
      for (const [member, value] of Object.entries(current.endpoints)) endpoints[member] = value;
      for (const [member, value] of Object.entries(patch.endpoints ?? {})) {
        if (value === null) delete endpoints[member];
        else endpoints[member] = value;
      }
      const next: Group = { ...current, name: patch.name ?? current.name, endpoints };
      if (patch.music_on_hold !== undefined) next.music_on_hold = patch.music_on_hold ?? undefined;
      if (patch.flags !== undefined) next.flags = patch.flags ?? undefined;
      return withoutUndefined(next);
    });
  }

  async delete(accountId: string, id: string): Promise<Group> {
    const group = await this.record(accountId, id);
    await this.options.database.transaction(async (stores) => {
      await stores.groups.delete(accountId, id);
      await stores.events.record('group_deleted', group);
    });
    return group;
  }

  private async change(accountId: string, id: string, apply: (current: Group) => Group): Promise<Group> {
    const current = await this.record(accountId, id);
    const group = { ...apply(current), updated: nowIso() };
    await this.options.database.transaction(async (stores) => {
      await stores.groups.update(group);
      await stores.events.record('group_updated', group);
    });
    return group;
  }

  private async account(accountId: string): Promise<void> {
    if (!(await this.stores.accounts.get(accountId))) throw accountNotFound(accountId);
  }

  private async record(accountId: string, id: string): Promise<Group> {
    await this.account(accountId);
    const group = await this.stores.groups.get(accountId, id);
    if (!group) throw VoipError.notFound(`group ${id} does not exist in account ${accountId}`);
    return group;
  }
}

function withEndpoints(input: Omit<GroupInput, 'endpoints'>, endpoints: GroupInput['endpoints']): GroupInput {
  return withoutUndefined({ name: input.name, endpoints, music_on_hold: input.music_on_hold, flags: input.flags });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as T;
}
