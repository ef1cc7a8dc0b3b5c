import { callManager, customerManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';
import { pageRequest, pagingOf } from './paging.js';

/** A media document as customers see it: where the media server keeps the audio is not theirs to know. */
export const mediaViewSchema = customerManager.mediaSchema.omit({ media_path: true });
const toView = ({ media_path: _path, ...media }: customerManager.Media) => media;

/**
 * Kazoo's `media`: customer-manager keeps the documents; an upload to `/raw` is written
 * by call-manager where the media server plays it, and read back from there.
 */
export class MediaResource {
  constructor(private readonly clients: Clients) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const found = await this.clients.customers.call(
      'listMedia',
      { params: { account_id: context.params.account_id! }, query: { page_size: page.size, ...(page.startKey ? { start_key: page.startKey } : {}) } },
      { requestId: context.requestId },
    );
    return { data: found.result.map(toView), paging: pagingOf(page, found.result.length, found.next_start_key) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const body = context.body as customerManager.MediaInput;
    const media = await this.clients.customers.call('createMedia', { params: { account_id: context.params.account_id! }, body }, { requestId: context.requestId });
    if (body.url === undefined) return { data: toView(media), status: 201 };
    try {
      return { data: toView(await this.fetchAudio(context, { account_id: media.account_id, id: media.id }, body.url)), status: 201 };
    } catch (error) {
      // A document whose audio could not be had is not kept: the customer fixes the URL and saves again.
      await this.clients.customers.call('deleteMedia', { params: { account_id: media.account_id, id: media.id } }, { requestId: context.requestId });
      throw error;
    }
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: toView(await this.clients.customers.call('getMedia', { params: this.params(context) }, { requestId: context.requestId })) };
  }

  async replace(context: ApiContext): Promise<ApiReply> {
    const body = context.body as customerManager.MediaInput;
    const params = this.params(context);
    await this.clients.customers.call('getMedia', { params }, { requestId: context.requestId });
    // The audio first: a URL that cannot be fetched leaves the document as it was.
    if (body.url !== undefined) await this.fetchAudio(context, params, body.url);
    return { data: toView(await this.clients.customers.call('replaceMedia', { params, body }, { requestId: context.requestId })) };
  }

  async patch(context: ApiContext): Promise<ApiReply> {
    const body = context.body as customerManager.MediaPatch;
    const params = this.params(context);
    await this.clients.customers.call('getMedia', { params }, { requestId: context.requestId });
    if (typeof body.url === 'string') await this.fetchAudio(context, params, body.url);
    return { data: toView(await this.clients.customers.call('patchMedia', { params, body }, { requestId: context.requestId })) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    return { data: toView(await this.clients.customers.call('deleteMedia', { params: this.params(context) }, { requestId: context.requestId })) };
  }

  /** `PUT|POST /media/{id}/raw`: the audio as the body, its type in Content-Type. */
  async upload(context: ApiContext): Promise<ApiReply> {
    const raw = context.raw!;
    if (!Object.hasOwn(callManager.mediaUploadTypes, raw.contentType)) {
      const message = `Content-Type must be one of ${Object.keys(callManager.mediaUploadTypes).join(', ')}, not ${raw.contentType || 'absent'}`;
      throw HttpError.badRequest('validation failed', { content_type: { enum: { message } } });
    }
    if (raw.body.length === 0) throw HttpError.badRequest('validation failed', { body: { required: { message: 'the body is the audio file; it is empty' } } });
    const params = this.params(context);
    await this.clients.customers.call('getMedia', { params }, { requestId: context.requestId });
    const written = await this.clients.calls.call(
      'writeMediaFile',
      { body: { account_id: params.account_id, media_id: params.id, content_type: raw.contentType, data_base64: raw.body.toString('base64') } },
      { requestId: context.requestId },
    );
    const media = await this.clients.customers.call(
      'setMediaFile',
      { params, body: { media_path: written.path, content_type: raw.contentType, content_length: written.size } },
      { requestId: context.requestId },
    );
    return { data: toView(media) };
  }

  /** `GET /media/{id}/raw`: the uploaded audio as it was stored. */
  async download(context: ApiContext): Promise<ApiReply> {
    const media = await this.clients.customers.call('getMedia', { params: this.params(context) }, { requestId: context.requestId });
    if (media.media_path === undefined) throw HttpError.notFound(`media ${media.id} has no audio uploaded`, 'NO_MEDIA_FILE');
    const file = await this.clients.calls.call('readMediaFile', { body: { path: media.media_path } }, { requestId: context.requestId });
    const extension = file.content_type === 'audio/mpeg' ? 'mp3' : 'wav';
    return { data: undefined, file: { contentType: media.content_type ?? file.content_type, body: Buffer.from(file.data_base64, 'base64'), filename: `${media.id}.${extension}` } };
  }

  /** The document's `url` fetched by call-manager and stored where an upload to `/raw` would be. */
  private async fetchAudio(context: ApiContext, params: { account_id: string; id: string }, url: string): Promise<customerManager.Media> {
    const fetched = await this.clients.calls.call('fetchMediaFile', { body: { account_id: params.account_id, media_id: params.id, url } }, { requestId: context.requestId });
    return this.clients.customers.call(
      'setMediaFile',
      { params, body: { media_path: fetched.path, content_type: fetched.content_type, content_length: fetched.size } },
      { requestId: context.requestId },
    );
  }

  private params(context: ApiContext): { account_id: string; id: string } {
    return { account_id: context.params.account_id!, id: context.params.media_id! };
  }
}
