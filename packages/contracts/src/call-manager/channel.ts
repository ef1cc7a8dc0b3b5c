import { z } from 'zod';
import { callflowNodeSchema } from '../flow-manager/flow.js';
import { metaflowModules, type MetaflowModule } from '../flow-manager/metaflow-modules/index.js';

/**
 * A channel (a leg): one FreeSWITCH channel of a call, as Kazoo's channels API shows
 * it. Its id is the channel's Unique-ID.
 */
export const channelStates = ['ringing', 'early', 'answered', 'hangup'] as const;

export const channelSchema = z.object({
  id: z.string(),
  call_id: z.string(),
  account_id: z.string(),
  media_server: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  state: z.enum(channelStates),
  caller_id_name: z.string(),
  caller_id_number: z.string(),
  destination_number: z.string(),
  /** The SIP username the caller authenticated with, when it did. */
  username: z.string(),
  /** The channel it is bridged to now. */
  bridged_to: z.string(),
  hangup_cause: z.string(),
  tm_create: z.string(),
  tm_answer: z.string().nullable(),
  tm_hangup: z.string().nullable(),
});
export type Channel = z.infer<typeof channelSchema>;

export const channelListBodySchema = z.looseObject({ account_id: z.string().max(64).optional() });

/**
 * `POST /v1/channels/<id>`: Kazoo's runtime channel actions, each run as the konami
 * module of its name with the body's other fields as its data (`callflow` with `id`).
 */
export const channelCommandBodySchema = z.looseObject({
  account_id: z.string().max(64).optional(),
  action: z.string().min(1).max(32),
});

/**
 * `PUT /v1/channels/<id>`: Kazoo's `{"action": "metaflow", "data": node}`, one metaflow
 * node run on the live channel at once. call-manager runs the modules of
 * `channelMetaflowModules` (every konami module) and follows the node's children; an
 * unknown module is refused naming `data.module`.
 */
export const channelMetaflowBodySchema = z.looseObject({
  account_id: z.string().max(64).optional(),
  action: z.literal('metaflow'),
  data: callflowNodeSchema,
});

/**
 * The konami modules call-manager runs, on a live channel and on a metaflow's digits:
 * every one of the catalog, so its handler table must name each (the compiler checks).
 */
export const channelMetaflowModules: readonly MetaflowModule[] = metaflowModules;
export type RunnableMetaflowModule = MetaflowModule;
