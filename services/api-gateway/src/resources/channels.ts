import { z } from 'zod';
import { callManager, flowManager, webhookManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients, Deadline } from '../remote/clients.js';
import { foreignId } from './ids.js';

/** `PUT /channels/{UUID}`: call-manager's `channelMetaflow` body, less the account the gateway adds. */
export const channelPutSchema = z.strictObject({
  action: callManager.channelMetaflowBodySchema.shape.action,
  data: flowManager.metaflowNodeSchema,
});

/**
 * `POST /channels/{UUID}`: Kazoo's runtime actions (reference/kazoo.md §1 "Runtime API",
 * channels.md), and a metaflow node (`{"action": "metaflow", "data": node}`, channels.md's
 * nested transfer) run as `PUT` runs it. `leg` takes Kazoo's `bleg` as well as this
 * platform's `peer`; `transfer-type` is channels.md's.
 */
export const channelPostSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('hangup') }),
  z.strictObject({ action: z.literal('break') }),
  z.strictObject({
    action: z.literal('transfer'),
    target: z.string().trim().min(1).max(64),
    takeback_dtmf: z.string().regex(/^[0-9*#]{1,8}$/).optional(),
    moh: z.string().max(255).optional(),
    ringback: z.string().max(255).optional(),
    leg: z.enum(['self', 'peer', 'bleg', 'both']).optional(),
    'transfer-type': z.enum(['attended', 'blind']).optional(),
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
  z.strictObject({
    action: z.literal('move'),
    owner_id: z.string().max(128).optional(),
    device_id: z.string().max(128).optional(),
    timeout: z.number().int().min(1).max(600).optional(),
    auto_answer: z.boolean().optional(),
  }),
  z.strictObject({ action: z.literal('metaflow'), data: flowManager.metaflowNodeSchema }),
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** channels.md's PUT wraps the node once more (`"data": {"data": node}`); the seed does not. */
function nodeOf(data: unknown): unknown {
  if (isRecord(data) && data.module === undefined && Object.keys(data).length === 1 && isRecord(data.data)) return data.data;
  return data;
}

/**
 * The request of a channel command, from the whole envelope. The seed and the runtime
 * actions put `action` inside `data`; channels.md also puts it beside `data`, with the
 * metaflow node (or the action's fields) as `data`.
 */
export function channelCommandOf(envelope: Record<string, unknown>): unknown {
  const { action, data } = envelope;
  if (action === undefined) return data;
  if (action === 'metaflow') return { action, data: nodeOf(data) };
  return isRecord(data) ? { ...data, action } : { action };
}

/**
 * A channel as the gateway answers it: call-manager's document, with the fields of
 * Kazoo's channels listing beside it (`uuid`, `answered`, `destination`, `other_leg`,
 * `timestamp` in Gregorian seconds). Kazoo's authorizing and presence fields are left out:
 * a leg here does not know its device or owner.
 */
export const channelViewSchema = callManager.channelSchema.extend({
  uuid: z.string(),
  answered: z.boolean(),
  destination: z.string(),
  other_leg: z.string().optional(),
  timestamp: z.number().int(),
});
export type ChannelView = z.infer<typeof channelViewSchema>;

export function channelView(channel: callManager.Channel): ChannelView {
  return {
    ...channel,
    uuid: channel.id,
    answered: channel.tm_answer !== null,
    destination: channel.destination_number,
    ...(channel.bridged_to !== '' ? { other_leg: channel.bridged_to } : {}),
    timestamp: webhookManager.gregorianSeconds(Date.parse(channel.tm_create)),
  };
}

/** A user's devices are read a page at a time, up to this many of them. */
const DEVICE_PAGE = 100;
const MAX_DEVICE_PAGES = 20;

/** Live channels (legs) of the account, served by call-manager; commands answer 202. */
export class ChannelsResource {
  constructor(
    private readonly clients: Clients,
    private readonly deadline: Deadline,
  ) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const reply = await this.clients.calls.call('listChannels', { body: { account_id: context.params.account_id! } }, this.deadline(context.requestId));
    return { data: reply.result.map(channelView) };
  }

  /** `GET /v2/channels`: every live channel of the platform (the master account only, as Kazoo keeps it to super admins). */
  async listAll(context: ApiContext): Promise<ApiReply> {
    const reply = await this.clients.calls.call('listChannels', { body: {} }, this.deadline(context.requestId));
    return { data: reply.result.map(channelView) };
  }

  /** `GET …/devices/{D}/channels`: the account's channels that authenticated as the device's SIP user. */
  async ofDevice(context: ApiContext): Promise<ApiReply> {
    const account_id = context.params.account_id!;
    const device = await this.clients.customers.call('getDevice', { params: { account_id, id: foreignId(context.params.device_id, 'device') } }, { requestId: context.requestId });
    return this.byUsernames(context, new Set([device.sip.username]));
  }

  /** `GET …/users/{U}/channels`: the account's channels of the devices the user owns. */
  async ofUser(context: ApiContext): Promise<ApiReply> {
    const account_id = context.params.account_id!;
    const user = await this.clients.customers.call('getUser', { params: { account_id, id: foreignId(context.params.user_id, 'user') } }, { requestId: context.requestId });
    const usernames = new Set<string>();
    let start_key: string | undefined;
    for (let page = 0; page < MAX_DEVICE_PAGES; page++) {
      const found = await this.clients.customers.call('listDevices', { params: { account_id }, query: { page_size: DEVICE_PAGE, ...(start_key ? { start_key } : {}) } }, { requestId: context.requestId });
      for (const device of found.result) if (device.owner_id === user.id) usernames.add(device.sip.username);
      start_key = found.next_start_key;
      if (!start_key) break;
    }
    return this.byUsernames(context, usernames);
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: channelView(await this.owned(context)) };
  }

  async command(context: ApiContext, method: 'PUT' | 'POST'): Promise<ApiReply> {
    const { id } = await this.owned(context);
    const account_id = context.params.account_id!;
    const options = this.deadline(context.requestId);
    const body = context.body as z.infer<typeof channelPutSchema> | z.infer<typeof channelPostSchema>;
    const reply =
      method === 'PUT' || body.action === 'metaflow'
        ? await this.clients.calls.call('channelMetaflow', { params: { id }, body: { ...(body as z.infer<typeof channelPutSchema>), account_id } }, options)
        : await this.clients.calls.call('channelCommand', { params: { id }, body: { ...body, account_id } }, options);
    return { data: channelView(reply), status: 202 };
  }

  private async byUsernames(context: ApiContext, usernames: Set<string>): Promise<ApiReply> {
    const reply = await this.clients.calls.call('listChannels', { body: { account_id: context.params.account_id! } }, this.deadline(context.requestId));
    return { data: reply.result.filter((channel) => channel.username !== '' && usernames.has(channel.username)).map(channelView) };
  }

  private async owned(context: ApiContext): Promise<callManager.Channel> {
    const id = foreignId(context.params.channel_id, 'channel');
    const channel = await this.clients.calls.call('getChannel', { params: { id } }, this.deadline(context.requestId));
    if (channel.account_id !== context.params.account_id) throw HttpError.notFound(`channel ${id} does not exist`, 'NOT_FOUND');
    return channel;
  }
}
