import { z } from 'zod';
import { wireActionSchema } from '../flow-manager/actions/index.js';

/**
 * A call as call-manager keeps it: voipbin's call (reference/voipbin-call-webhook-api.md
 * §1.1) with the FreeSWITCH channel in place of Asterisk's. Times are ISO strings; a time
 * not reached yet is null.
 */

/** voipbin's statuses; `hangup` is final (see the transition table in call-manager). */
export const callStatuses = ['dialing', 'ringing', 'progressing', 'terminating', 'canceling', 'hangup'] as const;
export type CallStatus = (typeof callStatuses)[number];

/** Why a call ended, as voipbin computes it from direction, last status and cause. */
export const hangupReasons = ['', 'normal', 'failed', 'busy', 'cancel', 'timeout', 'noanswer', 'dialout', 'amd'] as const;
export type HangupReason = (typeof hangupReasons)[number];

/** Who ended it: `local` when the platform hung up (or was hanging up), `remote` when the far end did. */
export const hangupBys = ['', 'local', 'remote'] as const;
export type HangupBy = (typeof hangupBys)[number];

export const callDirections = ['incoming', 'outgoing'] as const;
export type CallDirection = (typeof callDirections)[number];

/** A caller or callee, in voipbin's shape: `{type: tel|sip|extension|…, target, …}`. */
export const addressSchema = z.looseObject({
  type: z.string().min(1).max(32),
  target: z.string().min(1).max(255),
  target_name: z.string().max(255).optional(),
  name: z.string().max(255).optional(),
  detail: z.string().max(1024).optional(),
});
export type Address = z.infer<typeof addressSchema>;

/** The action the call runs now, with when it started (what its timeout is checked against). */
export const callActionSchema = wireActionSchema.extend({ tm_execute: z.string() });
export type CallAction = z.infer<typeof callActionSchema>;

/** Something the call could not do; the flow went on. The newest 10 are kept. */
export const callErrorSchema = z.object({
  tm: z.string(),
  action_id: z.string(),
  action_type: z.string(),
  reason: z.string(),
  message: z.string(),
});
export type CallError = z.infer<typeof callErrorSchema>;

/** The registered device a call came from (found by its SIP username), and its owner. */
export const callDeviceSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  /** The user who owns the device; empty when nobody does. */
  user_id: z.string(),
  sip_username: z.string(),
  name: z.string(),
});
export type CallDevice = z.infer<typeof callDeviceSchema>;

/** An external media stream of the call (external_media_start). */
export const externalMediaSchema = z.object({
  id: z.string(),
  external_host: z.string(),
  encapsulation: z.string(),
  transport: z.string(),
  status: z.enum(['running', 'stopped']),
  tm_start: z.string(),
  tm_stop: z.string().nullable(),
});
export type ExternalMedia = z.infer<typeof externalMediaSchema>;

export const callSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  type: z.string().describe("`flow` for a call running a flow; voipbin's other types are not made here."),
  direction: z.enum(callDirections),
  status: z.enum(callStatuses),
  source: addressSchema,
  destination: addressSchema,
  channel_id: z.string().describe('The FreeSWITCH channel (Unique-ID) carrying the call now.'),
  media_server: z.string().describe("The media server's event-socket address."),
  flow_id: z.string(),
  activeflow_id: z.string(),
  action: callActionSchema.nullable(),
  master_call_id: z.string().describe('The connect a call was dialled for: the call that made it.'),
  chained_call_ids: z.array(z.string()),
  confbridge_id: z.string(),
  recording_id: z.string().describe('The recording running now, and every one the call made.'),
  recording_ids: z.array(z.string()),
  external_medias: z.array(externalMediaSchema),
  device: callDeviceSchema.nullable(),
  owner_id: z.string().describe('Copied from the device for metaflows and Pivot: the user the call belongs to.'),
  hold: z.boolean(),
  mute_direction: z.enum(['', 'both', 'in', 'out']),
  early_execution: z.boolean(),
  hangup_by: z.enum(hangupBys),
  hangup_reason: z.enum(hangupReasons),
  hangup_cause: z.string().describe("FreeSWITCH's cause (NORMAL_CLEARING, USER_BUSY, …) once the channel is down."),
  errors: z.array(callErrorSchema),
  tm_ringing: z.string().nullable(),
  tm_progressing: z.string().nullable(),
  tm_hangup: z.string().nullable(),
  tm_create: z.string(),
  tm_update: z.string().nullable(),
  tm_delete: z.string().nullable(),
});
export type Call = z.infer<typeof callSchema>;

/**
 * `POST /v1/calls`: outgoing calls to each destination, running `flow_id` (or the
 * inline `actions`) once answered. flow-manager's connect sends `master_call_id` and
 * `early_execution`; the REST API sends `variables` and may send `anonymous` as a flag.
 */
export const createCallsBodySchema = z.looseObject({
  account_id: z.string().max(64).optional(),
  /** An empty object is read as no source (the caller's own is used). */
  source: z
    .preprocess((value) => (typeof value === 'object' && value !== null && Object.keys(value).length === 0 ? undefined : value), addressSchema.optional())
    .optional(),
  destinations: z.array(addressSchema).min(1).max(100),
  flow_id: z.string().min(1).max(128).optional(),
  actions: z.array(z.unknown()).min(1).max(10000).optional(),
  master_call_id: z.string().max(128).optional(),
  early_execution: z.boolean().optional(),
  anonymous: z.union([z.boolean(), z.enum(['yes', 'no', 'auto'])]).optional(),
  variables: z.record(z.string().min(1).max(255), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  /** Seconds the destinations ring before giving up (default 60). */
  timeout: z.number().int().min(1).max(600).optional(),
});
export type CreateCallsBody = z.infer<typeof createCallsBodySchema>;

export const createCallsReplySchema = z.object({
  calls: z.array(callSchema),
  /** voipbin's group calls (agents, extensions rung together); none are made here yet. */
  groupcalls: z.array(z.unknown()),
});

export const pageQuerySchema = z.object({
  page_size: z.coerce.number().int().min(1).max(1000).optional(),
  page_token: z.string().max(256).optional(),
});

/** List filters travel in the body, as voipbin's do. */
export const callFiltersSchema = z.looseObject({
  account_id: z.string().max(64).optional(),
  status: z.enum(callStatuses).optional(),
  direction: z.enum(callDirections).optional(),
  activeflow_id: z.string().max(128).optional(),
  /** Soft-deleted calls are left out unless this is true. */
  deleted: z.boolean().optional(),
});

export const callPageSchema = z.object({
  result: z.array(callSchema),
  /** Pass as `page_token` for the next page; empty when this was the last. */
  next_page_token: z.string(),
});

/** What a live-control request may carry besides its own fields: the gateway adds the account. */
const owned = { account_id: z.string().max(64).optional() };

export const hangupBodySchema = z.looseObject({ ...owned, reason: z.enum(['normal', 'busy', 'noanswer', 'failed', 'timeout', 'cancel']).optional() });
export const talkBodySchema = z.looseObject({
  ...owned,
  text: z.string().min(1).max(32768),
  language: z.string().max(16).optional(),
  gender: z.string().max(16).optional(),
  voice: z.string().max(64).optional(),
  voice_id: z.string().max(128).optional(),
  provider: z.string().max(32).optional(),
});
export const playBodySchema = z
  .looseObject({
    ...owned,
    media_urls: z.array(z.string().min(1).max(2048)).min(1).max(100).optional(),
    stream_urls: z.array(z.string().min(1).max(2048)).min(1).max(100).optional(),
  })
  .refine((body) => body.media_urls !== undefined || body.stream_urls !== undefined, { message: 'give media_urls', path: ['media_urls'] });
export const digitsBodySchema = z.looseObject({
  ...owned,
  digits: z.string().regex(/^[0-9*#A-Da-dwW]{1,128}$/, { message: 'DTMF digits: 0-9 * # A-D w W' }),
  duration: z.number().int().min(40).max(2000).optional(),
});
export const recordingStartBodySchema = z.looseObject({
  ...owned,
  format: z.enum(['wav', 'mp3']).optional(),
  /** Seconds (the REST API's unit); the recording stops by itself after it. */
  duration: z.number().int().min(1).max(86_400).optional(),
  end_of_silence: z.number().int().min(0).max(3600).optional(),
  end_of_key: z.string().max(16).optional(),
});
export const muteBodySchema = z.looseObject({ ...owned, direction: z.enum(['both', 'in', 'out']).optional() });
export const ownedBodySchema = z.looseObject(owned);

/** `POST /v1/calls/<id>/action-next`: move on now; with `force`, stop what the call is doing first. */
export const actionNextBodySchema = z.looseObject({ force: z.boolean().optional() });

/** The delayed message an action's timeout sends to call-manager itself. */
export const actionTimeoutBodySchema = z.looseObject({
  action_id: z.string().min(1).max(128),
  action_type: z.string().max(64).optional(),
  tm_execute: z.string().min(1).max(64),
});

/** What a live-control request answers: the call as it is now. */
export const controlReplySchema = callSchema;
