import { z } from 'zod';
import type { callManager } from '@voxmesh/contracts';
import { HttpError } from '../http/errors.js';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients, Deadline } from '../remote/clients.js';
import { foreignId } from './ids.js';
import { pageRequest, pagingOf } from './paging.js';

type CallManagerRoutes = callManager.CallManagerRoutes;

const endpointSchema = z.strictObject({
  type: z.enum(['tel', 'sip', 'extension', 'endpoint', 'agent', 'conference']),
  target: z.string().trim().min(1).max(255),
  target_name: z.string().max(255).optional(),
});

/** voipbin's outgoing call: where from, where to, and the flow (or inline actions) to run. */
export const callCreateSchema = z
  .strictObject({
    source: endpointSchema.optional(),
    destinations: z.array(endpointSchema).min(1).max(100),
    flow_id: z.string().trim().min(1).max(128).optional(),
    actions: z.array(z.record(z.string(), z.unknown())).min(1).max(1000).optional(),
    anonymous: z.boolean().optional(),
    variables: z.record(z.string().min(1).max(128), z.string().max(4096)).optional(),
  })
  .refine((body) => body.flow_id !== undefined || body.actions !== undefined, { message: 'give flow_id or actions', path: ['flow_id'] });

const httpUrl = z.url({ protocol: /^https?$/ }).max(2048);

/** The live-control bodies, by action. */
export const callActionSchemas = {
  hangup: z.strictObject({ reason: z.enum(['normal', 'busy', 'noanswer', 'failed']).optional() }),
  talk: z.strictObject({
    text: z.string().min(1).max(5000),
    language: z.string().max(16).optional(),
    gender: z.enum(['male', 'female', 'neutral']).optional(),
    voice: z.string().max(64).optional(),
  }),
  play: z.strictObject({ media_urls: z.array(httpUrl).min(1).max(20) }),
  digits: z.strictObject({
    digits: z.string().regex(/^[0-9*#A-Da-dwW]{1,64}$/, { message: 'DTMF digits: 0-9 * # A-D w W' }),
    duration: z.number().int().min(40).max(2000).optional(),
  }),
  recording_start: z.strictObject({
    format: z.enum(['wav', 'mp3']).optional(),
    duration: z.number().int().min(1).max(14_400).optional(),
    end_of_silence: z.number().int().min(0).max(3600).optional(),
    end_of_key: z.string().regex(/^[0-9*#]?$/).optional(),
  }),
  recording_stop: z.strictObject({}),
  hold: z.strictObject({}),
  mute: z.strictObject({ direction: z.enum(['both', 'in', 'out']).optional() }),
} as const;
export type CallAction = keyof typeof callActionSchemas;

/** Kazoo-style single recording endpoint: `{"action": "start"|"stop", …}`. */
export const recordingSchema = z.strictObject({
  action: z.enum(['start', 'stop']),
  format: z.enum(['wav', 'mp3']).optional(),
  duration: z.number().int().min(1).max(14_400).optional(),
});

/** The call-manager route that carries out each live-control action, by HTTP method. */
const controlRoutes = {
  hangup: { POST: 'hangupCall' },
  talk: { POST: 'talk' },
  play: { POST: 'play' },
  digits: { POST: 'sendDigits' },
  recording_start: { POST: 'recordingStart' },
  recording_stop: { POST: 'recordingStop' },
  hold: { POST: 'hold', DELETE: 'unhold' },
  mute: { POST: 'mute', DELETE: 'unmute' },
} as const satisfies Record<CallAction, { POST: keyof CallManagerRoutes; DELETE?: keyof CallManagerRoutes }>;
type ControlRoute = { [A in CallAction]: (typeof controlRoutes)[A][keyof (typeof controlRoutes)[A]] }[CallAction];

/**
 * Calls (voipbin's shape) under the account, served by call-manager. Before any action
 * on a call the gateway reads it and checks that it belongs to the account.
 */
export class CallsResource {
  constructor(
    private readonly clients: Clients,
    private readonly deadline: Deadline,
  ) {}

  async list(context: ApiContext): Promise<ApiReply> {
    const page = pageRequest(context.parsedQuery);
    const reply = await this.clients.calls.call(
      'listCalls',
      { query: { page_size: page.size, ...(page.startKey ? { page_token: page.startKey } : {}) }, body: { account_id: context.params.account_id! } },
      this.deadline(context.requestId),
    );
    return { data: reply.result, paging: pagingOf(page, reply.result.length, reply.next_page_token) };
  }

  async create(context: ApiContext): Promise<ApiReply> {
    const body = { ...(context.body as z.infer<typeof callCreateSchema>), account_id: context.params.account_id! };
    return { data: await this.clients.calls.call('createCalls', { body }, this.deadline(context.requestId)), status: 201 };
  }

  async get(context: ApiContext): Promise<ApiReply> {
    return { data: await this.owned(context) };
  }

  async delete(context: ApiContext): Promise<ApiReply> {
    const { id } = await this.owned(context);
    return { data: await this.clients.calls.call('deleteCall', { params: { id } }, this.deadline(context.requestId)) };
  }

  async act(context: ApiContext, action: CallAction, method: 'POST' | 'DELETE' = 'POST'): Promise<ApiReply> {
    const routes: Partial<Record<'POST' | 'DELETE', ControlRoute>> = controlRoutes[action];
    const route = routes[method];
    if (route === undefined) throw HttpError.badRequest(`${method} does not apply to ${action}`);
    const { id } = await this.owned(context);
    const body = { ...((context.body as Record<string, unknown> | undefined) ?? {}), account_id: context.params.account_id! };
    return { data: await this.clients.calls.call(route, { params: { id }, body }, this.deadline(context.requestId)), status: 202 };
  }

  async recording(context: ApiContext): Promise<ApiReply> {
    const { action, ...options } = context.body as z.infer<typeof recordingSchema>;
    return this.act({ ...context, body: action === 'start' ? options : {} }, action === 'start' ? 'recording_start' : 'recording_stop');
  }

  private async owned(context: ApiContext): Promise<callManager.Call> {
    const id = foreignId(context.params.call_id, 'call');
    const call = await this.clients.calls.call('getCall', { params: { id } }, this.deadline(context.requestId));
    if (call.account_id !== context.params.account_id) throw HttpError.notFound(`call ${id} does not exist`, 'NOT_FOUND');
    return call;
  }
}
