import { z } from 'zod';
import { channelEventDataSchema } from '../webhook-manager/events.js';
import { callSchema } from './call.js';
import { recordingSchema } from './recording.js';

/**
 * The events call-manager publishes on `<namespace>.call-manager.event`. Call and
 * recording events carry voipbin's resources; the channel events carry Kazoo's webhook
 * payload (reference/kazoo.md §3), in the shape webhook-manager reads them.
 */
export const dtmfReceivedSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  call_id: z.string(),
  digit: z.string(),
  /** Milliseconds the key was held. */
  duration: z.number(),
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

export const callManagerEvents = {
  call_created: callSchema,
  call_updated: callSchema,
  call_ringing: callSchema,
  call_progressing: callSchema,
  call_terminating: callSchema,
  call_canceling: callSchema,
  call_hangup: callSchema,
  recording_started: recordingSchema,
  recording_finished: recordingSchema,
  dtmf_received: dtmfReceivedSchema,
  call_presence_updated: presenceUpdatedSchema,
  channel_create: channelEventSchema,
  channel_answer: channelEventSchema,
  channel_bridge: channelEventSchema,
  channel_destroy: channelEventSchema,
} as const;

export type CallManagerEventType = keyof typeof callManagerEvents;
export type CallManagerEventData<T extends CallManagerEventType> = z.output<(typeof callManagerEvents)[T]>;
