import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';

/**
 * Account configuration (`/accounts/{A}/configs/{category}`) and system configuration
 * (`/system_configs/{category}`, master only), as crossbar's `configs` and
 * `system_configs`: the data is the document itself.
 */
export class ConfigsResource {
  constructor(private readonly clients: Clients) {}

  async getAccount(context: ApiContext): Promise<ApiReply> {
    const reply = await this.clients.customers.call('getAccountConfig', { params: this.accountParams(context) }, { requestId: context.requestId });
    return { data: reply.config };
  }

  async getEffective(context: ApiContext): Promise<ApiReply> {
    const reply = await this.clients.customers.call('getEffectiveConfig', { params: this.accountParams(context) }, { requestId: context.requestId });
    return { data: reply.config };
  }

  async writeAccount(context: ApiContext, mode: 'replace' | 'merge'): Promise<ApiReply> {
    const route = mode === 'replace' ? 'replaceAccountConfig' : 'patchAccountConfig';
    const reply = await this.clients.customers.call(route, { params: this.accountParams(context), body: context.body as Record<string, unknown> }, { requestId: context.requestId });
    return { data: reply.config };
  }

  async deleteAccount(context: ApiContext): Promise<ApiReply> {
    const reply = await this.clients.customers.call('deleteAccountConfig', { params: this.accountParams(context) }, { requestId: context.requestId });
    return { data: reply.config };
  }

  async getSystem(context: ApiContext): Promise<ApiReply> {
    const reply = await this.clients.customers.call('getSystemConfig', { params: { category: this.category(context) } }, { requestId: context.requestId });
    return { data: reply.config };
  }

  async writeSystem(context: ApiContext, mode: 'replace' | 'merge'): Promise<ApiReply> {
    const route = mode === 'replace' ? 'replaceSystemConfig' : 'patchSystemConfig';
    const reply = await this.clients.customers.call(route, { params: { category: this.category(context) }, body: context.body as Record<string, unknown> }, { requestId: context.requestId });
    return { data: reply.config };
  }

  async deleteSystem(context: ApiContext): Promise<ApiReply> {
    const reply = await this.clients.customers.call('deleteSystemConfig', { params: { category: this.category(context) } }, { requestId: context.requestId });
    return { data: reply.config };
  }

  private accountParams(context: ApiContext): { account_id: string; category: string } {
    return { account_id: context.params.account_id!, category: this.category(context) };
  }

  private category(context: ApiContext): string {
    const category = context.params.category!;
    if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/.test(category)) throw HttpError.notFound(`no config category ${category.slice(0, 80)}`, 'BAD_IDENTIFIER');
    return category;
  }
}
