/** `switch_channel_state_t`, with the numbers `Channel-State-Number` carries. */
export const CHANNEL_STATES = [
  'CS_NEW', 'CS_INIT', 'CS_ROUTING', 'CS_SOFT_EXECUTE', 'CS_EXECUTE', 'CS_EXCHANGE_MEDIA', 'CS_PARK',
  'CS_CONSUME_MEDIA', 'CS_HIBERNATE', 'CS_RESET', 'CS_HANGUP', 'CS_REPORTING', 'CS_DESTROY', 'CS_NONE',
] as const;
export type ChannelState = (typeof CHANNEL_STATES)[number];

export function stateNumber(state: ChannelState): number {
  return CHANNEL_STATES.indexOf(state);
}

/** `switch_channel_callstate_t`, as `Channel-Call-State` spells it. */
export type CallState = 'DOWN' | 'DIALING' | 'RINGING' | 'EARLY' | 'ACTIVE' | 'HELD' | 'RING_WAIT' | 'HANGUP' | 'UNHELD';

/** `Answer-State`. */
export type AnswerState = 'ringing' | 'early' | 'answered' | 'hangup';

export type Direction = 'inbound' | 'outbound';
