import { z } from 'zod';
import { flowManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients, Forwarder } from '../remote/clients.js';
import { metaflowsUri, pivotDebugUri } from '../remote/pending-routes.js';
import { foreignId } from './ids.js';
import { pageRequest, pagingOf } from './paging.js';

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** The `metaflows` document of the metaflows seed (reference/kazoo.md §1 for the keys). */
export const metaflowsSchema = z.strictObject({
  numbers: z.record(z.string().regex(/^[0-9*#]{1,32}$/, { message: 'keys are DTMF sequences' }), flowManager.callflowNodeSchema).optional(),
  patterns: z.record(z.string().min(1).max(255).refine(isRegex, { message: 'keys are regular expressions' }), flowManager.callflowNodeSchema).optional(),
  binding_digit: z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#']).optional(),
  digit_timeout: z.number().int().min(0).max(60_000).optional(),
  digit_timeout_ms: z.number().int().min(0).max(60_000).optional(),
  listen_on: z.enum(['self', 'peer', 'both', 'aleg', 'bleg']).optional(),
});

export type MetaflowOwner = 'users' | 'devices' | 'callflows';

/**
 * Metaflows on the account, a user, a device or a callflow: GET, POST (replace),
 * DELETE. flow-manager keeps them; a user or device must exist in the account first.
 */
export class MetaflowsResource {
  constructor(
    private readonly clients: Clients,
    private readonly forward: Forwarder,
  ) {}

  async handle(context: ApiContext, method: 'GET' | 'POST' | 'DELETE', ownerType?: MetaflowOwner): Promise<ApiReply> {
    const accountId = context.params.account_id!;
    const owner = ownerType ? { type: ownerType, id: await this.ownerId(context, ownerType) } : undefined;
    const upstream = method === 'POST' ? 'PUT' : method;
    const data = await this.forward(this.clients.flows, upstream, metaflowsUri(accountId, owner), method === 'POST' ? context.body : undefined, context.requestId);
    return { data };
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

/** Pivot's debug log (reference/kazoo.md §2), kept by flow-manager. */
export class PivotResource {
  constructor(
    private readonly clients: Clients,
    private readonly forward: Forwarder,
  ) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const search = new URLSearchParams({ page_size: String(page.size), ...(page.startKey ? { page_token: page.startKey } : {}) });
    const reply = (await this.forward(this.clients.flows, 'GET', `${pivotDebugUri(context.params.account_id!)}?${search}`, undefined, context.requestId)) as
      | { result?: unknown[]; next_page_token?: string }
      | unknown[];
    const result = Array.isArray(reply) ? reply : (reply.result ?? []);
    return { data: result, paging: pagingOf(page, result.length, Array.isArray(reply) ? undefined : reply.next_page_token) };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    const callId = context.params.call_id!;
    if (callId.length > 255) throw HttpError.notFound('no such call id', 'BAD_IDENTIFIER');
    return { data: await this.forward(this.clients.flows, 'GET', pivotDebugUri(context.params.account_id!, callId), undefined, context.requestId) };
  }
}
