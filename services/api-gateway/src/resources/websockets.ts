import { z } from 'zod';
import { webhookManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import { bindingCatalogue } from '../websocket/bindings.js';
import type { Hub } from '../websocket/hub.js';

export const socketViewSchema = z.object({
  account_id: z.string(),
  auth_token: z.string().optional(),
  bindings: z.array(z.string()),
  websocket_session_id: z.string(),
  /** When the socket connected, in Gregorian seconds as websockets.md shows it; `connected_at` is the same as ISO 8601. */
  timestamp: z.number().int(),
  connected_at: z.string(),
  source: z.string(),
  destination: z.string(),
  name: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/**
 * The websockets endpoints of the webhooks-and-websockets seed: the bindings on offer,
 * an account's sockets, one socket's bindings. Sockets are this replica's own.
 */
export class WebsocketsResource {
  constructor(
    private readonly hub: Hub,
    private readonly node: string,
  ) {}

  async catalogue(): Promise<ApiReply> {
    return { data: bindingCatalogue() };
  }

  async list(context: ApiContext): Promise<ApiReply> {
    return { data: this.hub.sessionsOf(context.params.account_id!).map((session) => session.id) };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    const accountId = context.params.account_id!;
    const session = this.hub.session(context.params.socket_id!);
    const bindings = session ? this.hub.bindingsOf(session, accountId) : [];
    if (!session || bindings.length === 0) throw HttpError.notFound(`socket ${context.params.socket_id!.slice(0, 64)} has no bindings on this account`, 'NOT_FOUND');
    // The socket's token is shown as in the seed, but only to admins: a plain user must not pick up an admin's token.
    const showToken = context.principal!.admin && session.principal !== undefined;
    return {
      data: [
        {
          account_id: accountId,
          ...(showToken ? { auth_token: session.principal!.token } : {}),
          bindings,
          websocket_session_id: session.id,
          timestamp: webhookManager.gregorianSeconds(Date.parse(session.connectedAt)),
          connected_at: session.connectedAt,
          source: session.source,
          destination: this.node,
          ...(session.name !== undefined ? { name: session.name } : {}),
          ...(session.metadata !== undefined ? { metadata: session.metadata } : {}),
        },
      ],
    };
  }
}
