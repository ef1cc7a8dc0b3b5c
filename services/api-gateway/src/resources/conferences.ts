import type { customerManager } from '@voxmesh/contracts';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';
import { pageRequest, pagingOf } from './paging.js';

/** Kazoo's `conferences`: customer-manager keeps them. */
export class ConferencesResource {
  constructor(private readonly clients: Clients) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const found = await this.clients.customers.call(
      'listConferences',
      { params: { account_id: context.params.account_id! }, query: { page_size: page.size, ...(page.startKey ? { start_key: page.startKey } : {}) } },
      { requestId: context.requestId },
    );
    return { data: found.result, paging: pagingOf(page, found.result.length, found.next_start_key) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const conference = await this.clients.customers.call(
      'createConference',
      { params: { account_id: context.params.account_id! }, body: context.body as customerManager.ConferenceInput },
      { requestId: context.requestId },
    );
    return { data: conference, status: 201 };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('getConference', { params: this.params(context) }, { requestId: context.requestId }) };
  }

  async replace(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('replaceConference', { params: this.params(context), body: context.body as customerManager.ConferenceInput }, { requestId: context.requestId }) };
  }

  async patch(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('patchConference', { params: this.params(context), body: context.body as customerManager.ConferencePatch }, { requestId: context.requestId }) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('deleteConference', { params: this.params(context) }, { requestId: context.requestId }) };
  }

  private params(context: ApiContext): { account_id: string; id: string } {
    return { account_id: context.params.account_id!, id: context.params.conference_id! };
  }
}
