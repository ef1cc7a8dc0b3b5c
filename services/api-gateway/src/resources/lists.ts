import { z } from 'zod';
import { flowManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';

/** A list or entry as PATCH writes it: any of the fields, merged over the stored document. */
export const listPatchSchema = z.looseObject({ name: z.string().min(1).max(128).optional(), description: z.string().min(1).max(128).optional(), org: z.string().max(256).optional() });
export const listEntryPatchSchema = z.looseObject({});

/**
 * Kazoo's match lists (`applications/crossbar/doc/lists.md`) and their entries, kept by
 * flow-manager, which reads them when a call reaches a cidlistmatch node. PATCH merges
 * the given fields over the stored document, then replaces it whole.
 */
export class ListsResource {
  constructor(private readonly clients: Clients) {}

  private params(context: ApiContext) {
    return { account_id: context.params.account_id!, list_id: context.params.list_id!, entry_id: context.params.entry_id! };
  }

  private options(context: ApiContext) {
    return { requestId: context.requestId };
  }

  async list(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('listLists', { params: { account_id: context.params.account_id! } }, this.options(context)) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const body = context.body as flowManager.ListInput;
    return { data: await this.clients.flows.call('createList', { params: { account_id: context.params.account_id! }, body }, this.options(context)) };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('getList', { params: this.params(context) }, this.options(context)) };
  }

  async replace(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('updateList', { params: this.params(context), body: context.body as flowManager.ListInput }, this.options(context)) };
  }

  async patch(context: ApiContext): Promise<ApiReply> {
    const params = this.params(context);
    const { id: _id, ...stored } = await this.clients.flows.call('getList', { params }, this.options(context));
    const body = merged(flowManager.listInputSchema, stored, context.body);
    return { data: await this.clients.flows.call('updateList', { params, body }, this.options(context)) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('deleteList', { params: this.params(context) }, this.options(context)) };
  }

  async entries(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('listListEntries', { params: this.params(context) }, this.options(context)) };
  }

  async addEntry(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('createListEntry', { params: this.params(context), body: context.body as flowManager.ListEntryInput }, this.options(context)) };
  }

  async deleteEntries(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('deleteListEntries', { params: this.params(context) }, this.options(context)) };
  }

  async entry(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('getListEntry', { params: this.params(context) }, this.options(context)) };
  }

  async replaceEntry(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('updateListEntry', { params: this.params(context), body: context.body as flowManager.ListEntryInput }, this.options(context)) };
  }

  async patchEntry(context: ApiContext): Promise<ApiReply> {
    const params = this.params(context);
    const { id: _id, list_id: _list, ...stored } = await this.clients.flows.call('getListEntry', { params }, this.options(context));
    const body = merged(flowManager.listEntryInputSchema, stored, context.body);
    return { data: await this.clients.flows.call('updateListEntry', { params, body }, this.options(context)) };
  }

  async deleteEntry(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('deleteListEntry', { params: this.params(context) }, this.options(context)) };
  }
}

/** The stored document with the PATCH's fields over it, checked whole: a 400 names the first bad field. */
function merged<S extends z.ZodType>(schema: S, stored: Record<string, unknown>, patch: unknown): z.output<S> {
  const parsed = schema.safeParse({ ...stored, ...(patch as Record<string, unknown>) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw VoipError.invalidArgument(issue.path.map(String).join('.'), issue.message);
  }
  return parsed.data;
}
