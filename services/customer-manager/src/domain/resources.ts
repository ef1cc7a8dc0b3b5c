import { customerManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { Page } from '../db/rows.js';
import { nowIso } from '../db/rows.js';
import type { Database, Stores } from '../db/stores.js';
import { accountNotFound } from './errors.js';
import { patchedInput } from './patching.js';
import { newId } from './secrets.js';

type Resource = customerManager.Resource;
type ResourceInput = customerManager.ResourceInput;

/** Fields the service keeps, not the client. */
const STORED = ['id', 'scope', 'created', 'updated'];

/** Carriers: the platform's (`system`) and each account's own (Kazoo's local resources). */
export class ResourceService {
  constructor(private readonly options: { database: Database }) {}

  private get stores(): Stores {
    return this.options.database.stores;
  }

  async list(scope: string, size: number, startKey: string | undefined): Promise<Page<Resource>> {
    await this.scope(scope);
    return this.stores.resources.list(scope, size, startKey);
  }

  get(scope: string, id: string): Promise<Resource> {
    return this.record(scope, id);
  }

  async create(scope: string, input: ResourceInput): Promise<Resource> {
    await this.scope(scope);
    const now = nowIso();
    const resource: Resource = { id: newId(), scope, ...input, created: now, updated: now };
    await this.options.database.transaction(async (stores) => {
      await stores.resources.insert(resource);
      await stores.events.record('resource_created', resource);
    });
    return resource;
  }

  async replace(scope: string, id: string, input: ResourceInput): Promise<Resource> {
    const current = await this.record(scope, id);
    const resource: Resource = { id, scope, ...input, created: current.created, updated: nowIso() };
    await this.options.database.transaction(async (stores) => {
      await stores.resources.update(resource);
      await stores.events.record('resource_updated', resource);
    });
    return resource;
  }

  async patch(scope: string, id: string, patch: customerManager.ResourcePatch): Promise<Resource> {
    const current = await this.record(scope, id);
    return this.replace(scope, id, patchedInput(current, patch, customerManager.resourceInputSchema, STORED));
  }

  async delete(scope: string, id: string): Promise<Resource> {
    const resource = await this.record(scope, id);
    await this.options.database.transaction(async (stores) => {
      await stores.resources.delete(scope, id);
      await stores.events.record('resource_deleted', resource);
    });
    return resource;
  }

  private async scope(scope: string): Promise<void> {
    if (scope !== 'system' && !(await this.stores.accounts.get(scope))) throw accountNotFound(scope);
  }

  private async record(scope: string, id: string): Promise<Resource> {
    await this.scope(scope);
    const resource = await this.stores.resources.get(scope, id);
    if (!resource) throw VoipError.notFound(`resource ${id} does not exist in ${scope === 'system' ? 'the system' : `account ${scope}`}`);
    return resource;
  }
}
