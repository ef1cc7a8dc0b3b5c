import { z } from 'zod';
import { customerManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply, Principal } from '../http/types.js';
import type { AccountCache, TokenValidator } from '../http/auth.js';
import type { Clients } from '../remote/clients.js';
import { pageRequest, pagingOf } from './paging.js';

type AccountDoc = customerManager.AccountDoc;

/** An account as the API shows it: the webhook secret has its own endpoint. */
export const accountViewSchema = customerManager.accountSchema;
export const webhookSecretViewSchema = z.object({ account_id: z.string(), webhook_secret: z.string() });

export function accountView(doc: AccountDoc): customerManager.Account {
  const { webhook_secret: _secret, ...view } = doc;
  return view;
}

/** Accounts: the caller's own, its sub-accounts (`children`) and everything below (`descendants`). */
export class AccountsResource {
  constructor(
    private readonly clients: Clients,
    private readonly accountCache: AccountCache,
    private readonly tokens: TokenValidator,
  ) {}

  async get(context: ApiContext): Promise<ApiReply> {
    const doc = await this.clients.customers.call('getAccount', { params: { id: context.params.account_id! } }, { requestId: context.requestId });
    return { data: accountView(doc) };
  }

  /** `PUT /accounts` makes a sub-account of the caller's account; `PUT /accounts/{A}` one of A. */
  async create(context: ApiContext): Promise<ApiReply> {
    const principal = context.principal!;
    const input = context.body as customerManager.AccountInput;
    guardReseller(principal, input.is_reseller);
    const parent = context.params.account_id ?? principal.accountId;
    const doc = await this.clients.customers.call('createAccount', { body: { ...input, parent_id: parent } }, { requestId: context.requestId });
    return { data: accountView(doc), status: 201 };
  }

  async replace(context: ApiContext): Promise<ApiReply> {
    const input = context.body as customerManager.AccountInput;
    guardReseller(context.principal!, input.is_reseller);
    const id = context.params.account_id!;
    const doc = await this.clients.customers.call('replaceAccount', { params: { id }, body: input }, { requestId: context.requestId });
    this.changed(doc);
    return { data: accountView(doc) };
  }

  async patch(context: ApiContext): Promise<ApiReply> {
    const patch = context.body as customerManager.AccountPatch;
    guardReseller(context.principal!, patch.is_reseller ?? undefined);
    const id = context.params.account_id!;
    if (patch.enabled === false && id === context.principal!.accountId) throw HttpError.forbidden('an account cannot disable itself');
    const doc = await this.clients.customers.call('patchAccount', { params: { id }, body: patch }, { requestId: context.requestId });
    this.changed(doc);
    return { data: accountView(doc) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    const id = context.params.account_id!;
    if (id === context.principal!.accountId) throw HttpError.forbidden('an account cannot delete itself; its parent can');
    const doc = await this.clients.customers.call('deleteAccount', { params: { id } }, { requestId: context.requestId });
    this.accountCache.drop(id);
    this.tokens.dropAccount(id);
    return { data: accountView(doc) };
  }

  async children(context: ApiContext): Promise<ApiReply> {
    return this.list(context, 'listChildren');
  }

  async descendants(context: ApiContext): Promise<ApiReply> {
    return this.list(context, 'listDescendants');
  }

  async webhookSecret(context: ApiContext): Promise<ApiReply> {
    const doc = await this.clients.customers.call('getAccount', { params: { id: context.params.account_id! } }, { requestId: context.requestId });
    return { data: { account_id: doc.id, webhook_secret: doc.webhook_secret } };
  }

  async rotateWebhookSecret(context: ApiContext): Promise<ApiReply> {
    const doc = await this.clients.customers.call('rotateWebhookSecret', { params: { id: context.params.account_id! } }, { requestId: context.requestId });
    return { data: { account_id: doc.id, webhook_secret: doc.webhook_secret } };
  }

  private async list(context: ApiContext, route: 'listChildren' | 'listDescendants'): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const query = { page_size: page.size, ...(page.startKey !== undefined ? { start_key: page.startKey } : {}) };
    const found = await this.clients.customers.call(route, { params: { id: context.params.account_id! }, query }, { requestId: context.requestId });
    return { data: found.result.map(accountView), paging: pagingOf(page, found.result.length, found.next_start_key) };
  }

  /** Our own caches must not serve the old document to the next request. */
  private changed(doc: AccountDoc): void {
    this.accountCache.drop(doc.id);
    if (!doc.enabled) this.tokens.dropAccount(doc.id);
  }
}

/** Only the master makes resellers (Kazoo's super-duper admin rule). */
function guardReseller(principal: Principal, isReseller: boolean | undefined): void {
  if (isReseller !== undefined && !principal.superduper) throw HttpError.forbidden('only the master account may set is_reseller');
}
