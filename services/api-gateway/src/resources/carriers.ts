import type { customerManager } from '@voxmesh/contracts';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';
import { pageRequest, pagingOf } from './paging.js';

/**
 * Kazoo's carriers: `/resources` are the platform's (global), an account's
 * `/local_resources` (and `/resources` under the account) its own. customer-manager
 * keeps both, by scope.
 */
export class CarriersResource {
  constructor(private readonly clients: Clients) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const found = await this.clients.customers.call(
      'listResources',
      { params: { scope: scopeOf(context) }, query: { page_size: page.size, ...(page.startKey ? { start_key: page.startKey } : {}) } },
      { requestId: context.requestId },
    );
    return { data: found.result, paging: pagingOf(page, found.result.length, found.next_start_key) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const resource = await this.clients.customers.call('createResource', { params: { scope: scopeOf(context) }, body: context.body as customerManager.ResourceInput }, { requestId: context.requestId });
    return { data: resource, status: 201 };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('getResource', { params: this.params(context) }, { requestId: context.requestId }) };
  }

  async replace(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('replaceResource', { params: this.params(context), body: context.body as customerManager.ResourceInput }, { requestId: context.requestId }) };
  }

  async patch(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('patchResource', { params: this.params(context), body: context.body as customerManager.ResourcePatch }, { requestId: context.requestId }) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('deleteResource', { params: this.params(context) }, { requestId: context.requestId }) };
  }

  private params(context: ApiContext): { scope: string; id: string } {
    return { scope: scopeOf(context), id: context.params.resource_id! };
  }
}

function scopeOf(context: ApiContext): string {
  return context.params.account_id ?? 'system';
}
