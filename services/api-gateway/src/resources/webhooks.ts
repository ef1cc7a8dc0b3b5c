import { z } from 'zod';
import { webhookManager } from '@voxmesh/contracts';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';
import { foreignId } from './ids.js';
import { pageRequest, pagingOf } from './paging.js';

/** webhook-manager pages at most 100 rows. */
const WEBHOOK_PAGE_CAP = 100;

/** Unknown fields are refused here, not dropped, so a misspelt field is never silently lost. */
export const webhookCreateSchema = webhookManager.webhookInputSchema.strict();
export const webhookPatchSchema = webhookManager.webhookPatchSchema.strict();
export const reenableBodySchema = z.strictObject({ 're-enable': z.literal(true) });

export const attemptsQuerySchema = z.object({
  page_size: z.coerce.number().int().min(1).max(WEBHOOK_PAGE_CAP).optional(),
  start_key: z.string().min(1).max(512).optional(),
  paginate: z.enum(['true', 'false']).optional(),
});

/**
 * Kazoo's webhooks through webhook-manager: CRUD, the attempts log, the bulk re-enable
 * (`PATCH …/webhooks {"re-enable": true}`), and the public list of hook types.
 */
export class WebhooksResource {
  constructor(private readonly clients: Clients) {}

  async hookTypes(context: ApiContext): Promise<ApiReply> {
    const types = await this.clients.webhooks.call('listHookTypes', {}, { requestId: context.requestId });
    return { data: types, paging: { page_size: types.length } };
  }

  async samples(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.webhooks.call('listHookSamples', {}, { requestId: context.requestId }) };
  }

  async sample(context: ApiContext): Promise<ApiReply> {
    const hook = foreignId(context.params.hook, 'hook');
    const samples = await this.clients.webhooks.call('getHookSample', { params: { hook } }, { requestId: context.requestId });
    const found = samples.filter((sample) => passesFilters(sample, context.query));
    return { data: found, paging: { page_size: found.length } };
  }

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery, WEBHOOK_PAGE_CAP);
    const found = await this.clients.webhooks.call(
      'listWebhooks',
      { params: { account_id: context.params.account_id! }, query: { page_size: page.size, ...(page.startKey ? { page_token: page.startKey } : {}) } },
      { requestId: context.requestId },
    );
    return { data: found.result, paging: pagingOf(page, found.result.length, found.next_page_token) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const hook = await this.clients.webhooks.call(
      'createWebhook',
      { params: { account_id: context.params.account_id! }, body: context.body as webhookManager.WebhookInput },
      { requestId: context.requestId },
    );
    return { data: hook, status: 201 };
  }

  async reenable(context: ApiContext, descendants: boolean): Promise<ApiReply> {
    const reply = await this.clients.webhooks.call(
      'reenableWebhooks',
      { params: { account_id: context.params.account_id! }, body: { 're-enable': true, descendants } },
      { requestId: context.requestId },
    );
    return { data: reply.result };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.webhooks.call('getWebhook', { params: this.params(context) }, { requestId: context.requestId }) };
  }

  async replace(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.webhooks.call('replaceWebhook', { params: this.params(context), body: context.body as webhookManager.WebhookInput }, { requestId: context.requestId }) };
  }

  async patch(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.webhooks.call('patchWebhook', { params: this.params(context), body: context.body as webhookManager.WebhookPatch }, { requestId: context.requestId }) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    return { data: await this.clients.webhooks.call('deleteWebhook', { params: this.params(context) }, { requestId: context.requestId }) };
  }

  async attempts(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery, WEBHOOK_PAGE_CAP);
    const query = { page_size: page.size, ...(page.startKey ? { page_token: page.startKey } : {}) };
    const found =
      context.params.webhook_id === undefined
        ? await this.clients.webhooks.call('listAccountAttempts', { params: { account_id: context.params.account_id! }, query }, { requestId: context.requestId })
        : await this.clients.webhooks.call('listWebhookAttempts', { params: this.params(context), query }, { requestId: context.requestId });
    return { data: found.result, paging: pagingOf(page, found.result.length, found.next_page_token) };
  }

  private params(context: ApiContext): { account_id: string; id: string } {
    return { account_id: context.params.account_id!, id: foreignId(context.params.webhook_id, 'webhook') };
  }
}

/**
 * Crossbar's `filter_<field>=<value>` query filters (`?filter_event_name=missed_call`):
 * a sample passes when each named field, read as text, equals the value.
 */
export function passesFilters(doc: Record<string, unknown>, query: Record<string, string>): boolean {
  for (const [key, wanted] of Object.entries(query)) {
    if (!key.startsWith('filter_')) continue;
    const field = key.slice('filter_'.length);
    if (!Object.hasOwn(doc, field) || String(doc[field]) !== wanted) return false;
  }
  return true;
}
