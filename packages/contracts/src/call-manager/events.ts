import { z } from 'zod';
import { defineEvents, type EventDataOf, type EventTypeOf } from '@voxmesh/wire';
import { channelEventDataSchema } from '../webhook-manager/events.js';
import { callSchema } from './call.js';
import { confbridgeSchema } from './confbridge.js';
import { recordingSchema } from './recording.js';

/**
 * The events call-manager publishes on `<namespace>.call-manager.event`. Call and
 * recording events carry voipbin's resources; the channel events carry Kazoo's webhook
 * payload (reference/kazoo.md §3), in the shape webhook-manager reads them.
 */
export const dtmfReceivedSchema = z.object({
  id: z.string().describe('The digit event itself.'),
  account_id: z.string(),
  call_id: z.string(),
  digit: z.string().describe('One of 0-9, *, #, A-D.'),
  duration: z.number().describe('Milliseconds the key was held.'),
  tm_create: z.string(),
});
export type DtmfReceived = z.infer<typeof dtmfReceivedSchema>;

/**
 * A presence update a call's flow sent (Kazoo's manual_presence). Named and keyed as a
 * call event (`id` is the call's), so webhook-manager delivers it with the call's others.
 */
export const presenceUpdatedSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  call_id: z.string(),
  /** user@realm. */
  presence_id: z.string(),
  status: z.enum(['idle', 'ringing', 'busy']),
  tm_create: z.string(),
});
export type PresenceUpdated = z.infer<typeof presenceUpdatedSchema>;

export const channelEventSchema = channelEventDataSchema;
export type ChannelEventData = z.infer<typeof channelEventSchema>;

const callEvent = (summary: string) => ({ summary, data: callSchema });
const channelEvent = (summary: string) => ({ summary, data: channelEventSchema });

/** `confbridge_joined` / `confbridge_leaved` (voipbin's names): the confbridge as it is now, and the call that came or went. */
export const confbridgeMemberEventSchema = confbridgeSchema.extend({ call_id: z.string().describe('The call that joined or left.') });
export type ConfbridgeMemberEvent = z.infer<typeof confbridgeMemberEventSchema>;

export const callManagerEvents = defineEvents('call-manager', {
  call_created: callEvent('A call was made: an incoming call was accepted, or an outgoing one dialled.'),
  call_updated: callEvent('Something about a call changed other than its status: its action, recording, hold, mute, chained calls.'),
  call_ringing: callEvent('An outgoing call started ringing at the far end.'),
  call_progressing: callEvent('A call was answered and its flow runs.'),
  call_terminating: callEvent('The platform started hanging a call up.'),
  call_canceling: callEvent('An outgoing call is being cancelled before it was answered.'),
  call_hangup: callEvent('A call ended; `hangup_by` and `hangup_reason` say how.'),
  recording_started: { summary: 'A recording of a call started on the media server.', data: recordingSchema },
  recording_finished: { summary: 'A recording ended and its file is written; `duration_ms` is set.', data: recordingSchema },
  dtmf_received: { summary: 'The caller pressed a key during a call.', data: dtmfReceivedSchema },
  call_presence_updated: { summary: "A flow set a presence (Kazoo's manual_presence) and the media server was told.", data: presenceUpdatedSchema },
  channel_create: channelEvent("A call's channel was created (Kazoo's CHANNEL_CREATE)."),
  channel_answer: channelEvent("A call's channel was answered (CHANNEL_ANSWER)."),
  channel_bridge: channelEvent("A call's channel was bridged to another leg (CHANNEL_BRIDGE)."),
  channel_destroy: channelEvent("A call's channel was hung up (CHANNEL_DESTROY), with its cause and durations."),
  confbridge_joined: { summary: 'A call joined a conference confbridge.', data: confbridgeMemberEventSchema },
  confbridge_leaved: { summary: 'A call left a conference confbridge.', data: confbridgeMemberEventSchema },
});

export type CallManagerEvents = typeof callManagerEvents;
export type CallManagerEventType = EventTypeOf<CallManagerEvents>;
export type CallManagerEventData<T extends CallManagerEventType> = EventDataOf<CallManagerEvents, T>;
