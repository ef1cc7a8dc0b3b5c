import { z } from 'zod';
import { flowManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';

/** PATCH bodies: any of the fields, merged over the stored document and checked whole. */
export const directoryPatchSchema = z.looseObject({});

/**
 * Kazoo's dial-by-name directories (`applications/crossbar/doc/directories.md`), kept by
 * flow-manager, which reads them when a call reaches a directory node. Users are listed
 * by their own `directories` field. PATCH merges the given fields over the stored document.
 */
export class DirectoriesResource {
  constructor(private readonly clients: Clients) {}

  private options(context: ApiContext) {
    return { requestId: context.requestId };
  }

  private params(context: ApiContext) {
    return { account_id: context.params.account_id!, id: context.params.directory_id! };
  }

  async list(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('listDirectories', { params: { account_id: context.params.account_id! } }, this.options(context)) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const body = context.body as flowManager.DirectoryInput;
    return { data: await this.clients.flows.call('createDirectory', { params: { account_id: context.params.account_id! }, body }, this.options(context)) };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('getDirectory', { params: this.params(context) }, this.options(context)) };
  }

  async replace(context: ApiContext): Promise<ApiReply> {
    const body = context.body as flowManager.DirectoryInput;
    return { data: await this.clients.flows.call('updateDirectory', { params: this.params(context), body }, this.options(context)) };
  }

  async patch(context: ApiContext): Promise<ApiReply> {
    const { id: _id, ...stored } = await this.clients.flows.call('getDirectory', { params: this.params(context) }, this.options(context));
    const merged = flowManager.directoryInputSchema.safeParse({ ...stored, ...(context.body as Record<string, unknown>) });
    if (!merged.success) {
      const issue = merged.error.issues[0]!;
      throw VoipError.invalidArgument(issue.path.map(String).join('.'), issue.message);
    }
    return { data: await this.clients.flows.call('updateDirectory', { params: this.params(context), body: merged.data }, this.options(context)) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.flows.call('deleteDirectory', { params: this.params(context) }, this.options(context)) };
  }
}
