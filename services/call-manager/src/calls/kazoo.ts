import type { Call, ChannelEventData } from '../contract.js';
import type { LegFacts } from './leg.js';

/** Kazoo counts time in Gregorian seconds: Unix seconds plus the seconds from year 0 to 1970. */
export const GREGORIAN_OFFSET_SECONDS = 62_167_219_200;

export type ChannelHook = 'channel_create' | 'channel_answer' | 'channel_bridge' | 'channel_destroy';

const seconds = (fromUs: number, toUs: number) => (fromUs > 0 && toUs >= fromUs ? Math.floor((toUs - fromUs) / 1_000_000) : 0);

/**
 * Kazoo's channel event payload (reference/kazoo.md §3) for one of a call's legs:
 * `call_id` is the channel's own id, as Kazoo's Call-ID is the leg's; the voipbin call
 * and activeflow ride in `custom_channel_vars`. A call from a registered device is
 * authorized by that device and owned by its user; it started on the network (`onnet`),
 * any other incoming call came from a carrier (`offnet`).
 */
export function channelPayload(hook: ChannelHook, call: Call, leg: LegFacts, now: number = Date.now()): ChannelEventData {
  const channel = leg.channel;
  const inbound = channel.direction === 'inbound';
  const payload: ChannelEventData = {
    account_id: call.account_id,
    call_id: channel.id,
    call_direction: channel.direction,
    caller_id_name: channel.caller_id_name,
    caller_id_number: channel.caller_id_number,
    callee_id_name: call.destination.target_name ?? call.destination.name ?? '',
    callee_id_number: channel.destination_number,
    from: leg.fromUri || `${channel.caller_id_number}`,
    to: leg.toUri || `${channel.destination_number}`,
    request: leg.requestUri || `${channel.destination_number}`,
    call_forwarded: false,
    emergency_resource_used: false,
    local_resource_used: !inbound,
    is_internal_leg: call.master_call_id !== '',
    // custom_channel_vars is built here, never shared with the call.
    custom_channel_vars: {
      account_id: call.account_id,
      call_id: call.id,
      activeflow_id: call.activeflow_id,
      ...(call.device ? { authorizing_id: call.device.id, authorizing_type: 'device', owner_id: call.device.user_id } : {}),
    },
    timestamp: Math.floor(now / 1000) + GREGORIAN_OFFSET_SECONDS,
    activeflow_id: call.activeflow_id,
  };
  if (inbound) payload.inception = call.device ? 'onnet' : 'offnet';
  if (call.device) {
    payload.authorizing_id = call.device.id;
    payload.authorizing_type = 'device';
    if (call.device.user_id !== '') payload.owner_id = call.device.user_id;
  }
  if (leg.otherLegId !== '') payload.other_leg_call_id = leg.otherLegId;
  if (hook === 'channel_bridge') {
    payload.original_number = channel.destination_number;
    payload.other_leg_destination_number = leg.otherLegDestination;
  }
  if (hook === 'channel_destroy') {
    const end = leg.hangupUs || leg.answeredUs || leg.createdUs;
    payload.hangup_cause = channel.hangup_cause || 'NORMAL_CLEARING';
    payload.hangup_code = leg.sipTermStatus !== '' ? `sip:${leg.sipTermStatus}` : '';
    payload.duration_seconds = seconds(leg.createdUs, end);
    payload.billing_seconds = leg.answeredUs > 0 ? seconds(leg.answeredUs, end) : 0;
    payload.ringing_seconds = seconds(leg.createdUs, leg.answeredUs > 0 ? leg.answeredUs : end);
  }
  return payload;
}
