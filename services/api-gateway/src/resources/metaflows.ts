import { flowManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients, Deadline } from '../remote/clients.js';
import { foreignId } from './ids.js';

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
 * Pivot's debug log (reference/kazoo.md §2). flow-manager runs Pivot but keeps no debug
 * log yet and its contract has no route for one, so the API answers 501 itself, after
 * checking the request as it will once the route exists.
 */
export class PivotResource {
  async list(): Promise<ApiReply> {
    throw notKept();
  }

  async get(context: ApiContext): Promise<ApiReply> {
    const callId = context.params.call_id!;
    if (callId.length > 255) throw HttpError.notFound('no such call id', 'BAD_IDENTIFIER');
    throw notKept();
  }
}

function notKept(): HttpError {
  return new HttpError(501, 'not implemented', { message: 'not implemented by the service yet: flow-manager keeps no Pivot debug log' });
}
