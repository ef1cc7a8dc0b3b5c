import type { ChannelEvent } from '../esl/event.js';
import type { Channel } from '../contract.js';

/**
 * What call-manager knows of a call's channel: the public channel record and the
 * details Kazoo's channel events report (SIP URIs, the switch's microsecond times,
 * the other leg). Kept up to date from the channel's events.
 */
export interface LegFacts {
  channel: Channel;
  fromUri: string;
  toUri: string;
  requestUri: string;
  /** The switch's timestamps, in microseconds; 0 until reached. */
  createdUs: number;
  progressUs: number;
  answeredUs: number;
  hangupUs: number;
  sipTermStatus: string;
  otherLegId: string;
  otherLegDestination: string;
}

export function newLeg(init: {
  id: string;
  callId: string;
  accountId: string;
  mediaServer: string;
  direction: 'inbound' | 'outbound';
  callerIdName: string;
  callerIdNumber: string;
  destination: string;
  username: string;
  now: string;
}): LegFacts {
  return {
    channel: {
      id: init.id,
      call_id: init.callId,
      account_id: init.accountId,
      media_server: init.mediaServer,
      direction: init.direction,
      state: 'ringing',
      caller_id_name: init.callerIdName,
      caller_id_number: init.callerIdNumber,
      destination_number: init.destination,
      username: init.username,
      bridged_to: '',
      hangup_cause: '',
      tm_create: init.now,
      tm_answer: null,
      tm_hangup: null,
    },
    fromUri: '',
    toUri: '',
    requestUri: '',
    createdUs: 0,
    progressUs: 0,
    answeredUs: 0,
    hangupUs: 0,
    sipTermStatus: '',
    otherLegId: '',
    otherLegDestination: '',
  };
}

/** Takes what an event says about the channel (SIP URIs, times) into the facts. */
export function absorb(leg: LegFacts, event: ChannelEvent): void {
  leg.fromUri = event.variable('sip_from_uri') ?? leg.fromUri;
  leg.toUri = event.variable('sip_to_uri') ?? leg.toUri;
  leg.requestUri = event.variable('sip_req_uri') ?? leg.requestUri;
  leg.createdUs = event.micros('Caller-Channel-Created-Time') || leg.createdUs;
  leg.progressUs = event.micros('Caller-Channel-Progress-Time') || leg.progressUs;
  leg.answeredUs = event.micros('Caller-Channel-Answered-Time') || leg.answeredUs;
  leg.hangupUs = event.micros('Caller-Channel-Hangup-Time') || leg.hangupUs;
  leg.sipTermStatus = event.variable('sip_term_status') ?? leg.sipTermStatus;
  const other = event.header('Other-Leg-Unique-ID');
  if (other) {
    leg.otherLegId = other;
    leg.otherLegDestination = event.header('Other-Leg-Destination-Number') ?? leg.otherLegDestination;
  }
}
