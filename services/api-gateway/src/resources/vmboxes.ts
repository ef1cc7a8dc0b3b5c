import { customerManager } from '@voxmesh/contracts';
import { z } from 'zod';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';
import { pageRequest, pagingOf, pagingQuerySchema } from './paging.js';

/** A message as customers see it: where the media server keeps the audio is not theirs to know. */
export const vmMessageViewSchema = customerManager.vmMessageSchema.omit({ media_path: true });
const toView = ({ media_path: _path, ...message }: customerManager.VmMessage) => message;

export const vmMessagesQuerySchema = pagingQuerySchema.extend({ folder: z.enum(customerManager.vmFolders).optional() });
/** Kazoo changes a message with POST `{"folder": …}` or `{"source_id": …}` (another box, or a list to copy to). */
export const vmMessageMoveSchema = customerManager.vmMessagePatchSchema;

/** Kazoo's `vmboxes` and their `messages`: customer-manager keeps them. */
export class VmboxesResource {
  constructor(private readonly clients: Clients) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const found = await this.clients.customers.call(
      'listVmboxes',
      { params: { account_id: context.params.account_id! }, query: { page_size: page.size, ...(page.startKey ? { start_key: page.startKey } : {}) } },
      { requestId: context.requestId },
    );
    return { data: found.result, paging: pagingOf(page, found.result.length, found.next_start_key) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const box = await this.clients.customers.call('createVmbox', { params: { account_id: context.params.account_id! }, body: context.body as customerManager.VmboxInput }, { requestId: context.requestId });
    return { data: box, status: 201 };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('getVmbox', { params: this.params(context) }, { requestId: context.requestId }) };
  }

  async replace(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('replaceVmbox', { params: this.params(context), body: context.body as customerManager.VmboxInput }, { requestId: context.requestId }) };
  }

  async patch(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('patchVmbox', { params: this.params(context), body: context.body as customerManager.VmboxPatch }, { requestId: context.requestId }) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('deleteVmbox', { params: this.params(context) }, { requestId: context.requestId }) };
  }

  async messages(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const folder = (context.parsedQuery as z.infer<typeof vmMessagesQuerySchema>).folder;
    const found = await this.clients.customers.call(
      'listVmMessages',
      { params: this.params(context), query: { page_size: page.size, ...(page.startKey ? { start_key: page.startKey } : {}), ...(folder ? { folder } : {}) } },
      { requestId: context.requestId },
    );
    return { data: found.result.map(toView), paging: pagingOf(page, found.result.length, found.next_start_key) };
  }

  async message(context: ApiContext): Promise<ApiReply> {
    return { data: toView(await this.clients.customers.call('getVmMessage', { params: this.messageParams(context) }, { requestId: context.requestId })) };
  }

  async moveMessage(context: ApiContext): Promise<ApiReply> {
    const body = context.body as z.infer<typeof vmMessageMoveSchema>;
    return { data: toView(await this.clients.customers.call('patchVmMessage', { params: this.messageParams(context), body }, { requestId: context.requestId })) };
  }

  /** The message's audio as the media server wrote it, read back through call-manager. */
  async messageAudio(context: ApiContext): Promise<ApiReply> {
    const message = await this.clients.customers.call('getVmMessage', { params: this.messageParams(context) }, { requestId: context.requestId });
    const file = await this.clients.calls.call('readMediaFile', { body: { path: message.media_path } }, { requestId: context.requestId });
    const extension = file.content_type === 'audio/mpeg' ? 'mp3' : 'wav';
    return { data: undefined, file: { contentType: file.content_type, body: Buffer.from(file.data_base64, 'base64'), filename: `${message.media_id}.${extension}` } };
  }

  async deleteMessage(context: ApiContext): Promise<ApiReply> {
    return { data: toView(await this.clients.customers.call('deleteVmMessage', { params: this.messageParams(context) }, { requestId: context.requestId })) };
  }

  private params(context: ApiContext): { account_id: string; id: string } {
    return { account_id: context.params.account_id!, id: context.params.vmbox_id! };
  }

  private messageParams(context: ApiContext): { account_id: string; id: string; message_id: string } {
    return { ...this.params(context), message_id: context.params.message_id! };
  }
}
