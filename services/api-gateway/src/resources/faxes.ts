import { customerManager } from '@voxmesh/contracts';
import { preferredType } from '../documents/accept.js';
import { pdfOfTiff } from '../documents/pdf-of-tiff.js';
import { TiffError, tiffPages, type TiffPage } from '../documents/tiff-pages.js';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';
import { pageRequest, pagingOf } from './paging.js';

/** A received fax as customers see it: where the media server keeps the TIFF is not theirs to know. */
export const faxViewSchema = customerManager.faxSchema.omit({ media_path: true });
const toView = ({ media_path: _path, ...fax }: customerManager.Fax) => fax;

/** Kazoo's `faxboxes` and `faxes/inbox`: customer-manager keeps them, call-manager reads the documents back. */
export class FaxesResource {
  constructor(private readonly clients: Clients) {}

  async listBoxes(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const found = await this.clients.customers.call(
      'listFaxboxes',
      { params: { account_id: context.params.account_id! }, query: { page_size: page.size, ...(page.startKey ? { start_key: page.startKey } : {}) } },
      { requestId: context.requestId },
    );
    return { data: found.result, paging: pagingOf(page, found.result.length, found.next_start_key) };
  }

  async createBox(context: ApiContext): Promise<ApiReply> {
    const box = await this.clients.customers.call('createFaxbox', { params: { account_id: context.params.account_id! }, body: context.body as customerManager.FaxboxInput }, { requestId: context.requestId });
    return { data: box, status: 201 };
  }

  async getBox(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('getFaxbox', { params: this.box(context) }, { requestId: context.requestId }) };
  }

  async replaceBox(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('replaceFaxbox', { params: this.box(context), body: context.body as customerManager.FaxboxInput }, { requestId: context.requestId }) };
  }

  async patchBox(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('patchFaxbox', { params: this.box(context), body: context.body as customerManager.FaxboxPatch }, { requestId: context.requestId }) };
  }

  async deleteBox(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.customers.call('deleteFaxbox', { params: this.box(context) }, { requestId: context.requestId }) };
  }

  async folder(context: ApiContext, folder: customerManager.Fax['folder']): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const found = await this.clients.customers.call(
      'listFaxes',
      { params: { account_id: context.params.account_id! }, query: { folder, page_size: page.size, ...(page.startKey ? { start_key: page.startKey } : {}) } },
      { requestId: context.requestId },
    );
    return { data: found.result.map(toView), paging: pagingOf(page, found.result.length, found.next_start_key) };
  }

  /**
   * Kazoo's `PUT /faxes`: a call to `to_number` that sends the document once answered
   * (call-manager's send_fax); the outcome lands in the outbox. The reply is the job as
   * it starts: the call's id and `pending`.
   */
  async send(context: ApiContext): Promise<ApiReply> {
    const request = context.body as customerManager.FaxSend;
    const reply = await this.clients.calls.call(
      'createCalls',
      {
        body: {
          account_id: context.params.account_id!,
          ...(request.from_number ? { source: { type: 'tel', target: request.from_number, ...(request.from_name ? { target_name: request.from_name } : {}) } } : {}),
          destinations: [{ type: 'tel', target: request.to_number }],
          actions: [{ type: 'send_fax', option: { document_url: request.document.url } }, { type: 'hangup' }],
        },
      },
      { requestId: context.requestId, timeoutMs: 10_000 },
    );
    const call = reply.calls[0];
    return { data: { id: call?.id ?? '', call_id: call?.id ?? '', status: 'pending', to_number: request.to_number, from_number: request.from_number ?? '', document: request.document }, status: 201 };
  }

  async fax(context: ApiContext): Promise<ApiReply> {
    return { data: toView(await this.clients.customers.call('getFax', { params: this.fax_(context) }, { requestId: context.requestId })) };
  }

  async deleteFax(context: ApiContext): Promise<ApiReply> {
    return { data: toView(await this.clients.customers.call('deleteFax', { params: this.fax_(context) }, { requestId: context.requestId })) };
  }

  /** `…/attachment`: the document received or sent, a TIFF, or a PDF of its pages when the Accept header prefers one. */
  async attachment(context: ApiContext): Promise<ApiReply> {
    const fax = await this.clients.customers.call('getFax', { params: this.fax_(context) }, { requestId: context.requestId });
    if (fax.media_path === undefined) throw HttpError.notFound(`fax ${fax.id} has no document: ${fax.result_text}`, 'NO_FAX_DOCUMENT');
    const file = await this.clients.calls.call('readMediaFile', { body: { path: fax.media_path } }, { requestId: context.requestId });
    const tiff = Buffer.from(file.data_base64, 'base64');
    if (preferredType(context.accept, ['image/tiff', 'application/pdf']) === 'image/tiff') return { data: undefined, file: { contentType: file.content_type, body: tiff, filename: `${fax.id}.tiff` } };
    let pages: TiffPage[];
    try {
      pages = tiffPages(tiff);
    } catch (error) {
      if (!(error instanceof TiffError)) throw error;
      throw new HttpError(406, 'not acceptable', { message: `the document cannot be given as a PDF (${error.message}); ask for image/tiff` });
    }
    return { data: undefined, file: { contentType: 'application/pdf', body: pdfOfTiff(pages), filename: `${fax.id}.pdf` } };
  }

  private box(context: ApiContext): { account_id: string; id: string } {
    return { account_id: context.params.account_id!, id: context.params.faxbox_id! };
  }

  private fax_(context: ApiContext): { account_id: string; id: string } {
    return { account_id: context.params.account_id!, id: context.params.fax_id! };
  }
}
