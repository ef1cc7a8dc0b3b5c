import { z } from 'zod';
import { flowManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients, Forwarder } from '../remote/clients.js';
import { channelsUri } from '../remote/pending-routes.js';
import { foreignId } from './ids.js';

/** `PUT /channels/{UUID}`: run a metaflow node (with its children) on the live channel. */
export const channelPutSchema = z.strictObject({
  action: z.literal('metaflow'),
  data: flowManager.callflowNodeSchema,
});

/** `POST /channels/{UUID}`: Kazoo's runtime actions (reference/kazoo.md §1 "Runtime API"). */
export const channelPostSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('hangup') }),
  z.strictObject({ action: z.literal('break') }),
  z.strictObject({
    action: z.literal('transfer'),
    target: z.string().trim().min(1).max(64),
    takeback_dtmf: z.string().regex(/^[0-9*#]{1,8}$/).optional(),
    moh: z.string().max(255).optional(),
    ringback: z.string().max(255).optional(),
    leg: z.enum(['self', 'peer', 'both']).optional(),
  }),
  z.strictObject({ action: z.literal('callflow'), id: z.string().trim().min(1).max(128) }),
  z.strictObject({
    action: z.literal('intercept'),
    target_type: z.enum(['device', 'user', 'number']),
    target_id: z.string().trim().min(1).max(128),
    unbridged_only: z.boolean().optional(),
    auto_answer: z.boolean().optional(),
    can_call_self: z.boolean().optional(),
  }),
  z.strictObject({ action: z.literal('move'), owner_id: z.string().max(128).optional(), device_id: z.string().max(128).optional(), auto_answer: z.boolean().optional() }),
]);

/** Live channels (legs) of the account, served by call-manager; commands answer 202. */
export class ChannelsResource {
  constructor(
    private readonly clients: Clients,
    private readonly forward: Forwarder,
  ) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const reply = (await this.forward(this.clients.calls, 'GET', channelsUri, { account_id: context.params.account_id! }, context.requestId)) as { result?: unknown[] } | unknown[];
    return { data: Array.isArray(reply) ? reply : (reply.result ?? []) };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: await this.owned(context) };
  }

  async command(context: ApiContext, method: 'PUT' | 'POST'): Promise<ApiReply> {
    const id = (await this.owned(context)).id ?? context.params.channel_id;
    const data = { ...(context.body as object), account_id: context.params.account_id! };
    const reply = await this.forward(this.clients.calls, method, `${channelsUri}/${encodeURIComponent(String(id))}`, data, context.requestId);
    return { data: reply, status: 202 };
  }

  private async owned(context: ApiContext): Promise<Record<string, unknown>> {
    const id = foreignId(context.params.channel_id, 'channel');
    const channel = (await this.forward(this.clients.calls, 'GET', `${channelsUri}/${encodeURIComponent(id)}`, undefined, context.requestId)) as Record<string, unknown>;
    if (channel?.account_id !== context.params.account_id) throw HttpError.notFound(`channel ${id} does not exist`, 'NOT_FOUND');
    return channel;
  }
}
