import type { customerManager } from '@voxmesh/contracts';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';
import { pageRequest, pagingOf } from './paging.js';

/** An account's API keys; a new key is shown once, in the reply that makes it. */
export class ApiKeysResource {
  constructor(private readonly clients: Clients) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const found = await this.clients.customers.call(
      'listApiKeys',
      { params: { account_id: context.params.account_id! }, query: { page_size: page.size, ...(page.startKey ? { start_key: page.startKey } : {}) } },
      { requestId: context.requestId },
    );
    return { data: found.result, paging: pagingOf(page, found.result.length, found.next_start_key) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const body = (context.body ?? {}) as { name?: string };
    const key = await this.clients.customers.call('createApiKey', { params: { account_id: context.params.account_id! }, body }, { requestId: context.requestId });
    return { data: key satisfies customerManager.ApiKeyCreated, status: 201 };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    const key = await this.clients.customers.call(
      'deleteApiKey',
      { params: { account_id: context.params.account_id!, id: context.params.key_id! } },
      { requestId: context.requestId },
    );
    return { data: key };
  }
}
