import { flowManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients, Deadline } from '../remote/clients.js';
import { foreignId } from './ids.js';
import { pageRequest, pagingOf } from './paging.js';

/** The `metaflows` document of the metaflows seed, as flow-manager keeps it (reference/kazoo.md §1 for the keys). */
export const metaflowsSchema = flowManager.metaflowsSchema;

export type MetaflowOwner = flowManager.MetaflowOwnerType;

/**
 * Metaflows on the account, a user, a device or a callflow: GET, POST (replace),
 * DELETE. flow-manager keeps them; a user or device must exist in the account first.
 */
export class MetaflowsResource {
  constructor(
    private readonly clients: Clients,
    private readonly deadline: Deadline,
  ) {}

  async handle(context: ApiContext, method: 'GET' | 'POST' | 'DELETE', ownerType?: MetaflowOwner): Promise<ApiReply> {
    const options = this.deadline(context.requestId);
    const account_id = context.params.account_id!;
    if (ownerType === undefined) {
      if (method === 'GET') return { data: await this.clients.flows.call('getAccountMetaflows', { params: { account_id } }, options) };
      if (method === 'DELETE') return { data: await this.clients.flows.call('deleteAccountMetaflows', { params: { account_id } }, options) };
      return { data: await this.clients.flows.call('putAccountMetaflows', { params: { account_id }, body: context.body as flowManager.Metaflows }, options) };
    }
    const params = { account_id, owner_type: ownerType, owner_id: await this.ownerId(context, ownerType) };
    if (method === 'GET') return { data: await this.clients.flows.call('getOwnerMetaflows', { params }, options) };
    if (method === 'DELETE') return { data: await this.clients.flows.call('deleteOwnerMetaflows', { params }, options) };
    return { data: await this.clients.flows.call('putOwnerMetaflows', { params, body: context.body as flowManager.Metaflows }, options) };
  }

  private async ownerId(context: ApiContext, type: MetaflowOwner): Promise<string> {
    const accountId = context.params.account_id!;
    if (type === 'users') {
      const id = context.params.user_id!;
      await this.clients.customers.call('getUser', { params: { account_id: accountId, id } }, { requestId: context.requestId });
      return id;
    }
    if (type === 'devices') {
      const id = context.params.device_id!;
      await this.clients.customers.call('getDevice', { params: { account_id: accountId, id } }, { requestId: context.requestId });
      return id;
    }
    return foreignId(context.params.callflow_id, 'callflow');
  }
}

/**
 * Pivot's debug log (reference/kazoo.md §2), kept by flow-manager: the calls whose
 * `debug: true` pivots made requests, newest first and paged, and one call's requests
 * and answers in the order they happened.
 */
export class PivotResource {
  constructor(
    private readonly clients: Clients,
    private readonly deadline: Deadline,
  ) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const request = pageRequest(context.query);
    const query: { page_size: number; page_token?: string } = { page_size: request.size };
    if (request.startKey !== undefined) {
      if (!/^[0-9]{1,9}$/.test(request.startKey)) throw HttpError.badRequest('start_key is not one this API gave', { field: 'start_key' });
      query.page_token = request.startKey;
    }
    const page = await this.clients.flows.call('listPivotDebugCalls', { params: { account_id: context.params.account_id! }, query }, this.deadline(context.requestId));
    return { data: page.result, paging: pagingOf(request, page.result.length, page.next_page_token) };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    const callId = context.params.call_id!;
    if (callId.length > 255) throw HttpError.notFound('no such call id', 'BAD_IDENTIFIER');
    const log = await this.clients.flows.call('getPivotDebugCall', { params: { account_id: context.params.account_id!, call_id: callId } }, this.deadline(context.requestId));
    return { data: log.result };
  }
}
