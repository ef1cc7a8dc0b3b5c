import { z } from 'zod';
import { customerManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { TokenValidator } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';

/** What api_auth and user_auth answer in `data` (the token itself is also at the top level). */
export const authReplySchema = customerManager.authTokenSchema;

export const tokenInfoViewSchema = z.object({
  account_id: z.string(),
  account_name: z.string(),
  owner_id: z.string().nullable(),
  is_superduper_admin: z.boolean(),
  is_admin: z.boolean(),
  expires: z.string(),
});

/**
 * Crossbar's logins: `PUT /api_auth {api_key}` and `PUT /user_auth {credentials,
 * account_name}` answer a token; `GET /token_auth` says whose token it is and
 * `DELETE /token_auth` revokes it.
 */
export class AuthResource {
  constructor(
    private readonly clients: Clients,
    private readonly tokens: TokenValidator,
  ) {}

  async apiAuth(context: ApiContext): Promise<ApiReply> {
    const body = context.body as { api_key: string };
    const token = await this.login(() => this.clients.customers.call('authApiKey', { body: body }, { requestId: context.requestId }));
    return { data: token, authToken: token.auth_token, status: 201 };
  }

  async userAuth(context: ApiContext): Promise<ApiReply> {
    const body = context.body as customerManager.UserAuthBody;
    const token = await this.login(() => this.clients.customers.call('authUser', { body }, { requestId: context.requestId, timeoutMs: 15_000 }));
    return { data: token, authToken: token.auth_token, status: 201 };
  }

  async tokenInfo(context: ApiContext): Promise<ApiReply> {
    const principal = context.principal!;
    return {
      data: {
        account_id: principal.accountId,
        account_name: principal.accountName,
        owner_id: principal.ownerId,
        is_superduper_admin: principal.superduper,
        is_admin: principal.admin,
        expires: new Date(principal.expiresAtMs).toISOString(),
      },
    };
  }

  async revoke(context: ApiContext): Promise<ApiReply> {
    const principal = context.principal!;
    const reply = await this.clients.customers.call('revokeToken', { body: { auth_token: principal.token } }, { requestId: context.requestId });
    this.tokens.forget(principal.token);
    return { data: reply };
  }

  private async login<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof VoipError && error.status === 'UNAUTHENTICATED') throw HttpError.unauthorized();
      throw error;
    }
  }
}
