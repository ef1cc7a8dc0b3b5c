import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseJson } from '@voxmesh/wire';
import type { AccountScope, TokenValidator } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import type { RateLimiter } from '../http/rate-limit.js';
import type { GatewayMetrics } from '../metrics.js';
import { parseBinding, type Binding } from './bindings.js';
import type { Hub, SocketSession } from './hub.js';

const subscriptionDataSchema = z.object({
  account_id: z.string().min(1).max(64),
  binding: z.string().max(255).optional(),
  bindings: z.array(z.string().max(255)).min(1).max(100).optional(),
  name: z.string().max(128).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

const MAX_METADATA_BYTES = 4096;

export interface ProtocolOptions {
  hub: Hub;
  tokens: TokenValidator;
  scope: AccountScope;
  metrics: GatewayMetrics;
}

type Frame = Record<string, unknown>;

/**
 * Blackhole's client protocol (reference/kazoo.md §4): JSON text frames
 * `{action, auth_token, request_id, data}`; `subscribe`, `unsubscribe` and `ping`;
 * replies `{action: "reply", request_id, status, data}` with `{errors: […]}` on failure.
 * The token is needed until the first success on the socket; a new one may replace it.
 */
export class BlackholeProtocol {
  constructor(private readonly options: ProtocolOptions) {}

  async handle(session: SocketSession, limiter: RateLimiter, text: string): Promise<Frame | undefined> {
    let message: Record<string, unknown>;
    try {
      const parsed: unknown = parseJson(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      message = parsed as Record<string, unknown>;
    } catch {
      this.count('invalid', 'error');
      return errorReply(randomUUID(), ['message must be a JSON object {"action", "auth_token", "request_id", "data"}']);
    }
    const requestId = typeof message.request_id === 'string' && message.request_id.length <= 128 ? message.request_id : randomUUID();
    const action = typeof message.action === 'string' ? message.action : 'noop';
    if (!limiter.take(session.id).allowed) {
      this.count(action, 'limited');
      return errorReply(requestId, ['rate limit reached; slow down']);
    }
    try {
      const reply = await this.dispatch(session, action, requestId, message);
      this.count(action, reply.status === 'success' ? 'ok' : 'error');
      return reply;
    } catch (error) {
      this.count(action, 'error');
      if (error instanceof HttpError) return errorReply(requestId, [error.status === 401 ? 'invalid auth_token' : String(error.data.message ?? error.message)]);
      return errorReply(requestId, ['the request could not be completed; try again']);
    }
  }

  private async dispatch(session: SocketSession, action: string, requestId: string, message: Record<string, unknown>): Promise<Frame> {
    switch (action) {
      case 'ping':
        return successReply(requestId, { response: 'pong' });
      case 'noop':
        return successReply(requestId, {});
      case 'subscribe':
        return this.subscribe(session, requestId, message);
      case 'unsubscribe':
        return this.unsubscribe(session, requestId, message);
      default:
        return errorReply(requestId, [`action ${action.slice(0, 64)} not supported`]);
    }
  }

  private async authenticate(session: SocketSession, message: Record<string, unknown>): Promise<void> {
    const token = message.auth_token;
    if (typeof token === 'string' && token !== '') {
      if (session.principal?.token === token) return;
      session.principal = await this.options.tokens.principal(token);
      return;
    }
    if (!session.principal) throw HttpError.unauthorized();
  }

  private async subscribe(session: SocketSession, requestId: string, message: Record<string, unknown>): Promise<Frame> {
    await this.authenticate(session, message);
    const parsed = subscriptionDataSchema.safeParse(message.data);
    if (!parsed.success) return errorReply(requestId, parsed.error.issues.map((issue) => `data.${issue.path.join('.')}: ${issue.message}`));
    const data = parsed.data;
    const texts = data.binding !== undefined ? [data.binding] : (data.bindings ?? []);
    if (texts.length === 0) return errorReply(requestId, ['data.binding is required']);
    const denied = await this.deny(session, data.account_id);
    if (denied) return errorReply(requestId, [denied]);
    const bindings: Binding[] = [];
    const errors: string[] = [];
    for (const text of texts) {
      const result = parseBinding(text);
      if (result.ok) bindings.push(result.binding);
      else errors.push(result.error);
    }
    if (errors.length > 0) return errorReply(requestId, errors);
    if (data.metadata !== undefined && JSON.stringify(data.metadata).length > MAX_METADATA_BYTES) return errorReply(requestId, ['data.metadata is too large']);
    const added = this.options.hub.subscribe(session, data.account_id, bindings);
    if (!added.ok) return errorReply(requestId, [added.error]);
    if (data.name !== undefined) session.name = data.name;
    if (data.metadata !== undefined) session.metadata = data.metadata;
    return successReply(requestId, { subscribed: this.options.hub.bindingsOf(session) });
  }

  private async unsubscribe(session: SocketSession, requestId: string, message: Record<string, unknown>): Promise<Frame> {
    await this.authenticate(session, message);
    // Blackhole's README: `{"action": "unsubscribe", "auth_token": …}` alone drops every subscription of the socket.
    if (message.data === undefined) {
      const unsubscribed = this.options.hub.unsubscribe(session, undefined, undefined);
      return successReply(requestId, { unsubscribed, subscribed: this.options.hub.bindingsOf(session) });
    }
    const parsed = subscriptionDataSchema.safeParse(message.data);
    if (!parsed.success) return errorReply(requestId, parsed.error.issues.map((issue) => `data.${issue.path.join('.')}: ${issue.message}`));
    const data = parsed.data;
    const denied = await this.deny(session, data.account_id);
    if (denied) return errorReply(requestId, [denied]);
    const named = data.binding !== undefined ? [data.binding] : data.bindings;
    const unsubscribed = this.options.hub.unsubscribe(session, data.account_id, named);
    return successReply(requestId, { unsubscribed, subscribed: this.options.hub.bindingsOf(session) });
  }

  /** Why the socket's token may not bind this account, or nothing when it may. */
  private async deny(session: SocketSession, accountId: string): Promise<string | undefined> {
    const principal = session.principal!;
    if (accountId === '*') return principal.superduper ? undefined : 'only the master account may bind every account';
    return (await this.options.scope.reaches(principal, accountId)) ? undefined : `account ${accountId.slice(0, 64)} is not reachable with this token`;
  }

  private count(action: string, result: string): void {
    const known = ['ping', 'noop', 'subscribe', 'unsubscribe', 'invalid'].includes(action) ? action : 'other';
    this.options.metrics.wsMessages.inc({ action: known, result });
  }
}

function successReply(requestId: string, data: Record<string, unknown>): Frame {
  return { action: 'reply', request_id: requestId, status: 'success', data };
}

function errorReply(requestId: string, errors: string[]): Frame {
  return { action: 'reply', request_id: requestId, status: 'error', data: { errors } };
}
