import { z } from 'zod';
import { flowManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';
import { foreignId, ownedBy } from './ids.js';
import { pageRequest, pagingOf } from './paging.js';

type Flow = flowManager.Flow;

/** Actions are checked in depth by flow-manager, which names the failing field. */
const flowFields = {
  name: z.string().max(255),
  detail: z.string().max(8192),
  persist: z.boolean(),
  webhook_uri: z.string().max(1024),
  on_complete_flow_id: z.string().max(128),
  actions: z.array(z.record(z.string(), z.unknown())).max(10_000),
  numbers: z.array(flowManager.numberSchema).max(1000),
  patterns: z.array(flowManager.patternSchema).max(100),
};

/** voipbin's flow: a list of actions (ARCHITECTURE §3). */
export const flowInputSchema = z.strictObject({
  name: flowFields.name.optional(),
  detail: flowFields.detail.optional(),
  persist: flowFields.persist.optional(),
  webhook_uri: flowFields.webhook_uri.optional(),
  on_complete_flow_id: flowFields.on_complete_flow_id.optional(),
  actions: flowFields.actions,
  numbers: flowFields.numbers.optional(),
  patterns: flowFields.patterns.optional(),
});

export const flowPatchSchema = z.strictObject({
  name: flowFields.name.optional(),
  detail: flowFields.detail.optional(),
  persist: flowFields.persist.optional(),
  webhook_uri: flowFields.webhook_uri.optional(),
  on_complete_flow_id: flowFields.on_complete_flow_id.optional(),
  actions: flowFields.actions.optional(),
  numbers: flowFields.numbers.optional(),
  patterns: flowFields.patterns.optional(),
});

export const flowViewSchema = flowManager.flowSchema;

/** voipbin flows of the account, through flow-manager. */
export class FlowsResource {
  constructor(private readonly clients: Clients) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery, 1000);
    const found = await this.clients.flows.call(
      'listFlows',
      { query: { page_size: page.size, ...(page.startKey ? { page_token: page.startKey } : {}) }, body: { account_id: context.params.account_id!, type: 'flow' } },
      { requestId: context.requestId },
    );
    return { data: found.result, paging: pagingOf(page, found.result.length, found.next_page_token) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const input = context.body as z.infer<typeof flowInputSchema>;
    const flow = await this.clients.flows.call('createFlow', { body: { ...input, account_id: context.params.account_id! } }, { requestId: context.requestId });
    return { data: flow, status: 201 };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: await this.owned(context) };
  }

  async actions(context: ApiContext): Promise<ApiReply> {
    const flow = await this.owned(context);
    return { data: await this.clients.flows.call('getFlowActions', { params: { id: flow.id } }, { requestId: context.requestId }) };
  }

  /** POST replaces: fields left out go back to their empty values. */
  async replace(context: ApiContext): Promise<ApiReply> {
    const current = await this.owned(context);
    const input = context.body as z.infer<typeof flowInputSchema>;
    const body = {
      name: input.name ?? '',
      detail: input.detail ?? '',
      persist: input.persist ?? false,
      webhook_uri: input.webhook_uri ?? '',
      on_complete_flow_id: input.on_complete_flow_id ?? '',
      actions: input.actions,
      numbers: input.numbers ?? [],
      patterns: input.patterns ?? [],
    };
    return { data: await this.clients.flows.call('updateFlow', { params: { id: current.id }, body }, { requestId: context.requestId }) };
  }

  async patch(context: ApiContext): Promise<ApiReply> {
    const current = await this.owned(context);
    const patch = context.body as z.infer<typeof flowPatchSchema>;
    if (Object.keys(patch).length === 0) throw HttpError.badRequest('validation error', { data: { minProperties: { message: 'nothing to change' } } });
    return { data: await this.clients.flows.call('updateFlow', { params: { id: current.id }, body: patch }, { requestId: context.requestId }) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    const current = await this.owned(context);
    return { data: await this.clients.flows.call('deleteFlow', { params: { id: current.id } }, { requestId: context.requestId }) };
  }

  private async owned(context: ApiContext): Promise<Flow> {
    const id = foreignId(context.params.flow_id, 'flow');
    const flow = await this.clients.flows.call('getFlow', { params: { id } }, { requestId: context.requestId });
    ownedBy(flow, context.params.account_id!, 'flow', id);
    if (flow.type !== 'flow' || flow.tm_delete) throw HttpError.notFound(`flow ${id} does not exist`, 'NOT_FOUND');
    return flow;
  }
}

export const activeflowQuerySchema = z.object({
  page_size: z.coerce.number().int().min(1).max(500).optional(),
  start_key: z.string().min(1).max(512).optional(),
  paginate: z.enum(['true', 'false']).optional(),
  status: z.enum(flowManager.activeflowStatuses).optional(),
});

/** Runs of flows (voipbin's activeflows): list, read, stop, delete. */
export class ActiveflowsResource {
  constructor(private readonly clients: Clients) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery, 1000);
    const status = (context.parsedQuery as { status?: 'running' | 'ended' }).status;
    const found = await this.clients.flows.call(
      'listActiveflows',
      {
        query: { page_size: page.size, ...(page.startKey ? { page_token: page.startKey } : {}) },
        body: { account_id: context.params.account_id!, ...(status ? { status } : {}) },
      },
      { requestId: context.requestId },
    );
    return { data: found.result, paging: pagingOf(page, found.result.length, found.next_page_token) };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: await this.owned(context) };
  }

  async stop(context: ApiContext): Promise<ApiReply> {
    const current = await this.owned(context);
    return { data: await this.clients.flows.call('stopActiveflow', { params: { id: current.id } }, { requestId: context.requestId }) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    const current = await this.owned(context);
    return { data: await this.clients.flows.call('deleteActiveflow', { params: { id: current.id } }, { requestId: context.requestId }) };
  }

  private async owned(context: ApiContext): Promise<flowManager.Activeflow> {
    const id = foreignId(context.params.activeflow_id, 'activeflow');
    const activeflow = await this.clients.flows.call('getActiveflow', { params: { id } }, { requestId: context.requestId });
    return ownedBy(activeflow, context.params.account_id!, 'activeflow', id);
  }
}
