import { z } from 'zod';
import { agentCallOption } from './agent_call.js';
import { amdOption } from './amd.js';
import { answerOption } from './answer.js';
import { beepOption } from './beep.js';
import { branchOption } from './branch.js';
import { actionId } from './common.js';
import { conditionDatetimeOption } from './condition_datetime.js';
import { conditionVariableOption } from './condition_variable.js';
import { confbridgeJoinOption } from './confbridge_join.js';
import { conferenceJoinOption } from './conference_join.js';
import { connectOption } from './connect.js';
import { digitsReceiveOption } from './digits_receive.js';
import { digitsSendOption } from './digits_send.js';
import { dtmfReceiveOption } from './dtmf_receive.js';
import { dtmfSendOption } from './dtmf_send.js';
import { echoOption } from './echo.js';
import { externalMediaStartOption } from './external_media_start.js';
import { externalMediaStopOption } from './external_media_stop.js';
import { fetchOption } from './fetch.js';
import { fetchFlowOption } from './fetch_flow.js';
import { gotoOption } from './goto.js';
import { hangupOption } from './hangup.js';
import { patchOption } from './patch.js';
import { patchFlowOption } from './patch_flow.js';
import { pivotOption } from './pivot.js';
import { playOption } from './play.js';
import { queueJoinOption } from './queue_join.js';
import { recordingStartOption } from './recording_start.js';
import { recordingStopOption } from './recording_stop.js';
import { sleepOption } from './sleep.js';
import { stopOption } from './stop.js';
import { streamEchoOption } from './stream_echo.js';
import { talkOption } from './talk.js';
import { transcribeRecordingOption } from './transcribe_recording.js';
import { transcribeStartOption } from './transcribe_start.js';
import { transcribeStopOption } from './transcribe_stop.js';
import { variableSetOption } from './variable_set.js';
import { webhookSendOption } from './webhook_send.js';

/** Every action type a flow may hold: the seed's 24, the ones voipbin added since, and Kazoo's pivot. */
export const actionTypes = [
  'agent_call',
  'amd',
  'answer',
  'beep',
  'branch',
  'condition_datetime',
  'condition_variable',
  'confbridge_join',
  'conference_join',
  'connect',
  'digits_receive',
  'digits_send',
  'dtmf_receive',
  'dtmf_send',
  'echo',
  'external_media_start',
  'external_media_stop',
  'fetch',
  'fetch_flow',
  'goto',
  'hangup',
  'patch',
  'patch_flow',
  'pivot',
  'play',
  'queue_join',
  'recording_start',
  'recording_stop',
  'sleep',
  'stop',
  'stream_echo',
  'talk',
  'transcribe_recording',
  'transcribe_start',
  'transcribe_stop',
  'variable_set',
  'webhook_send',
] as const;

export type ActionType = (typeof actionTypes)[number];

/** One option schema per type; a type without one fails to compile. */
export const actionOptionSchemas = {
  agent_call: agentCallOption,
  amd: amdOption,
  answer: answerOption,
  beep: beepOption,
  branch: branchOption,
  condition_datetime: conditionDatetimeOption,
  condition_variable: conditionVariableOption,
  confbridge_join: confbridgeJoinOption,
  conference_join: conferenceJoinOption,
  connect: connectOption,
  digits_receive: digitsReceiveOption,
  digits_send: digitsSendOption,
  dtmf_receive: dtmfReceiveOption,
  dtmf_send: dtmfSendOption,
  echo: echoOption,
  external_media_start: externalMediaStartOption,
  external_media_stop: externalMediaStopOption,
  fetch: fetchOption,
  fetch_flow: fetchFlowOption,
  goto: gotoOption,
  hangup: hangupOption,
  patch: patchOption,
  patch_flow: patchFlowOption,
  pivot: pivotOption,
  play: playOption,
  queue_join: queueJoinOption,
  recording_start: recordingStartOption,
  recording_stop: recordingStopOption,
  sleep: sleepOption,
  stop: stopOption,
  stream_echo: streamEchoOption,
  talk: talkOption,
  transcribe_recording: transcribeRecordingOption,
  transcribe_start: transcribeStartOption,
  transcribe_stop: transcribeStopOption,
  variable_set: variableSetOption,
  webhook_send: webhookSendOption,
} as const satisfies Record<ActionType, z.ZodType>;

export type ActionOptions<T extends ActionType> = z.output<(typeof actionOptionSchemas)[T]>;

/** An action of one type, as stored and as returned: `{id, next_id?, type, option}`. */
export interface ActionOf<T extends ActionType> {
  id: string;
  next_id?: string;
  type: T;
  option: ActionOptions<T>;
}

export type Action = { [T in ActionType]: ActionOf<T> }[ActionType];

const knownTypes = new Set<string>(actionTypes);

export function isActionType(value: unknown): value is ActionType {
  return typeof value === 'string' && knownTypes.has(value);
}

/**
 * The action as the wire carries it in replies: loose, so a reader is not broken by a
 * type it does not know yet (and the finish marker, type `finish`, fits too).
 */
export const wireActionSchema = z.object({
  id: z.string(),
  next_id: z.string().optional(),
  type: z.string(),
  option: z.record(z.string(), z.unknown()),
});
export type WireAction = z.infer<typeof wireActionSchema>;

/**
 * The strict schema of one action, a union on `type`, for documents (OpenAPI) and for
 * readers that want every option checked.
 */
export const actionSchema = z.discriminatedUnion(
  'type',
  actionTypes.map((type) =>
    z.object({ id: actionId, next_id: actionId.optional(), type: z.literal(type), option: actionOptionSchemas[type] }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<Action>;

/** An action before ids are assigned: as `Action`, but `id` may be missing. */
export type ActionDraft = { [T in ActionType]: Omit<ActionOf<T>, 'id'> & { id?: string } }[ActionType];

export interface ActionIssue {
  /** Path below the action, e.g. `['option', 'target_id']`. */
  path: (string | number)[];
  message: string;
}

/**
 * Reads one action as a client may write it: `{id?, next_id?, type, option?}` or the
 * seed's legacy `{id?, next_action?, action, data?}`. Returns the normalized action or
 * the first problem, with a message that names the action.
 */
export function readAction(raw: unknown): { ok: true; action: ActionDraft } | { ok: false; issue: ActionIssue } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issue: { path: [], message: 'an action must be an object' } };
  }
  const input = raw as Record<string, unknown>;
  const type = input.type ?? input.action;
  const id = input.id;
  const nextId = input.next_id ?? input.next_action;
  const option = input.option ?? input.data ?? {};
  const label = (typeof type === 'string' ? `${type} action` : 'action') + (typeof id === 'string' && id !== '' ? ` ${id}` : '');
  if (id !== undefined && id !== '' && !actionId.safeParse(id).success) {
    return { ok: false, issue: { path: ['id'], message: `${label}: id must be a string of 1 to 128 characters` } };
  }
  if (typeof type !== 'string' || type === '') return { ok: false, issue: { path: ['type'], message: `${label}: type is required` } };
  if (!isActionType(type)) return { ok: false, issue: { path: ['type'], message: `unknown action type ${JSON.stringify(type)}` } };
  // voipbin writes an absent next action as the empty uuid.
  const next = nextId === '' || nextId === '00000000-0000-0000-0000-000000000000' ? undefined : nextId;
  if (next !== undefined && !actionId.safeParse(next).success) {
    return { ok: false, issue: { path: ['next_id'], message: `${label}: next_id must be a string of 1 to 128 characters` } };
  }
  const parsed = actionOptionSchemas[type].safeParse(option);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const where = ['option', ...first.path.map((part) => (typeof part === 'number' ? part : String(part)))];
    return { ok: false, issue: { path: where, message: `${label}: ${where.join('.')}: ${first.message}` } };
  }
  const action = { type, option: parsed.data } as ActionDraft;
  if (typeof id === 'string' && id !== '') action.id = id;
  if (typeof next === 'string') action.next_id = next;
  return { ok: true, action };
}

/** The request-side action schema: both spellings in, a normalized draft out. */
export const actionInputSchema: z.ZodType<ActionDraft, unknown> = z.unknown().transform((raw, ctx) => {
  const result = readAction(raw);
  if (result.ok) return result.action;
  ctx.addIssue({ code: 'custom', message: result.issue.message, path: result.issue.path });
  return z.NEVER;
});

export {
  agentCallOption,
  amdOption,
  answerOption,
  beepOption,
  branchOption,
  conditionDatetimeOption,
  conditionVariableOption,
  confbridgeJoinOption,
  conferenceJoinOption,
  connectOption,
  digitsReceiveOption,
  digitsSendOption,
  dtmfReceiveOption,
  dtmfSendOption,
  echoOption,
  externalMediaStartOption,
  externalMediaStopOption,
  fetchOption,
  fetchFlowOption,
  gotoOption,
  hangupOption,
  patchOption,
  patchFlowOption,
  pivotOption,
  playOption,
  queueJoinOption,
  recordingStartOption,
  recordingStopOption,
  sleepOption,
  stopOption,
  streamEchoOption,
  talkOption,
  transcribeRecordingOption,
  transcribeStartOption,
  transcribeStopOption,
  variableSetOption,
  webhookSendOption,
};
