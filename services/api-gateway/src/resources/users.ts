import { customerManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';
import { pageRequest, pagingOf } from './paging.js';

/**
 * Users of an account. A plain user may read the account and change only its own
 * document, and never its own priv_level.
 */
export class UsersResource {
  constructor(private readonly clients: Clients) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const found = await this.clients.customers.call(
      'listUsers',
      { params: { account_id: context.params.account_id! }, query: { page_size: page.size, ...(page.startKey ? { start_key: page.startKey } : {}) } },
      { requestId: context.requestId },
    );
    return { data: found.result, paging: pagingOf(page, found.result.length, found.next_start_key) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const user = await this.clients.customers.call(
      'createUser',
      { params: { account_id: context.params.account_id! }, body: context.body as customerManager.UserInput },
      { requestId: context.requestId },
    );
    return { data: user, status: 201 };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('getUser', { params: this.params(context) }, { requestId: context.requestId }) };
  }

  async replace(context: ApiContext): Promise<ApiReply> {
    this.guardSelf(context, (context.body as customerManager.UserInput).priv_level);
    return { data: await this.clients.customers.call('replaceUser', { params: this.params(context), body: context.body as customerManager.UserInput }, { requestId: context.requestId }) };
  }

  async patch(context: ApiContext): Promise<ApiReply> {
    this.guardSelf(context, (context.body as customerManager.UserPatch).priv_level);
    return { data: await this.clients.customers.call('patchUser', { params: this.params(context), body: context.body as customerManager.UserPatch }, { requestId: context.requestId }) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('deleteUser', { params: this.params(context) }, { requestId: context.requestId }) };
  }

  private params(context: ApiContext): { account_id: string; id: string } {
    return { account_id: context.params.account_id!, id: context.params.user_id! };
  }

  private guardSelf(context: ApiContext, privLevel: unknown): void {
    const principal = context.principal!;
    if (principal.admin) return;
    if (principal.ownerId !== context.params.user_id) throw HttpError.forbidden('a user may change only itself');
    if (privLevel !== undefined && privLevel !== null && privLevel !== 'user') throw HttpError.forbidden('a user cannot raise its own priv_level');
  }
}
