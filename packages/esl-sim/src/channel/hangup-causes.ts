/**
 * Hangup causes by name and code: the Q.850 causes, then FreeSWITCH's own (487 and
 * 700 up), as `switch_channel.c` lists them.
 */
export const HANGUP_CAUSES = {
  NONE: 0,
  UNALLOCATED_NUMBER: 1,
  NO_ROUTE_TRANSIT_NET: 2,
  NO_ROUTE_DESTINATION: 3,
  CHANNEL_UNACCEPTABLE: 6,
  CALL_AWARDED_DELIVERED: 7,
  NORMAL_CLEARING: 16,
  USER_BUSY: 17,
  NO_USER_RESPONSE: 18,
  NO_ANSWER: 19,
  SUBSCRIBER_ABSENT: 20,
  CALL_REJECTED: 21,
  NUMBER_CHANGED: 22,
  REDIRECTION_TO_NEW_DESTINATION: 23,
  EXCHANGE_ROUTING_ERROR: 25,
  DESTINATION_OUT_OF_ORDER: 27,
  INVALID_NUMBER_FORMAT: 28,
  FACILITY_REJECTED: 29,
  RESPONSE_TO_STATUS_ENQUIRY: 30,
  NORMAL_UNSPECIFIED: 31,
  NORMAL_CIRCUIT_CONGESTION: 34,
  NETWORK_OUT_OF_ORDER: 38,
  NORMAL_TEMPORARY_FAILURE: 41,
  SWITCH_CONGESTION: 42,
  ACCESS_INFO_DISCARDED: 43,
  REQUESTED_CHAN_UNAVAIL: 44,
  PRE_EMPTED: 45,
  FACILITY_NOT_SUBSCRIBED: 50,
  OUTGOING_CALL_BARRED: 52,
  INCOMING_CALL_BARRED: 54,
  BEARERCAPABILITY_NOTAUTH: 57,
  BEARERCAPABILITY_NOTAVAIL: 58,
  SERVICE_UNAVAILABLE: 63,
  BEARERCAPABILITY_NOTIMPL: 65,
  CHAN_NOT_IMPLEMENTED: 66,
  FACILITY_NOT_IMPLEMENTED: 69,
  SERVICE_NOT_IMPLEMENTED: 79,
  INVALID_CALL_REFERENCE: 81,
  INCOMPATIBLE_DESTINATION: 88,
  INVALID_MSG_UNSPECIFIED: 95,
  MANDATORY_IE_MISSING: 96,
  MESSAGE_TYPE_NONEXIST: 97,
  WRONG_MESSAGE: 98,
  IE_NONEXIST: 99,
  INVALID_IE_CONTENTS: 100,
  WRONG_CALL_STATE: 101,
  RECOVERY_ON_TIMER_EXPIRE: 102,
  MANDATORY_IE_LENGTH_ERROR: 103,
  PROTOCOL_ERROR: 111,
  INTERWORKING: 127,
  SUCCESS: 142,
  ORIGINATOR_CANCEL: 487,
  CRASH: 700,
  SYSTEM_SHUTDOWN: 701,
  LOSE_RACE: 702,
  MANAGER_REQUEST: 703,
  BLIND_TRANSFER: 800,
  ATTENDED_TRANSFER: 801,
  ALLOTTED_TIMEOUT: 802,
  USER_CHALLENGE: 803,
  MEDIA_TIMEOUT: 804,
  PICKED_OFF: 805,
  USER_NOT_REGISTERED: 806,
  PROGRESS_TIMEOUT: 807,
  INVALID_GATEWAY: 808,
  GATEWAY_DOWN: 809,
  INVALID_URL: 810,
  INVALID_PROFILE: 811,
  NO_PICKUP: 812,
  SRTP_READ_ERROR: 813,
  BOWOUT: 814,
  BUSY_EVERYWHERE: 815,
  DECLINE: 816,
  DOES_NOT_EXIST_ANYWHERE: 817,
  NOT_ACCEPTABLE: 818,
  UNWANTED: 819,
  NO_IDENTITY: 820,
  BAD_IDENTITY_INFO: 821,
  UNSUPPORTED_CERTIFICATE: 822,
  INVALID_IDENTITY: 823,
  STALE_DATE: 824,
  REJECT_ALL: 825,
} as const;

export type HangupCause = keyof typeof HANGUP_CAUSES;

const BY_CODE = new Map<number, HangupCause>(
  (Object.entries(HANGUP_CAUSES) as [HangupCause, number][]).map(([name, code]) => [code, name]),
);

/**
 * `switch_channel_str2cause`: a name (any case) or a numeric code. Returns undefined
 * for anything else, so callers choose their default as FreeSWITCH's callers do.
 */
export function parseHangupCause(text: string | undefined): HangupCause | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return BY_CODE.get(Number(trimmed));
  const upper = trimmed.toUpperCase();
  return upper in HANGUP_CAUSES ? (upper as HangupCause) : undefined;
}

export function causeCode(cause: HangupCause): number {
  return HANGUP_CAUSES[cause];
}

/** The SIP status mod_sofia sends for a cause (`hangup_cause_to_sip`). */
export function causeToSipStatus(cause: HangupCause, answered: boolean): number {
  switch (cause) {
    case 'NORMAL_CLEARING':
    case 'SUCCESS':
      return answered ? 200 : 480;
    case 'UNALLOCATED_NUMBER':
    case 'NO_ROUTE_TRANSIT_NET':
    case 'NO_ROUTE_DESTINATION':
      return 404;
    case 'NUMBER_CHANGED':
      return 410;
    case 'USER_BUSY':
      return 486;
    case 'NO_USER_RESPONSE':
      return 408;
    case 'NO_ANSWER':
    case 'SUBSCRIBER_ABSENT':
    case 'NORMAL_UNSPECIFIED':
      return 480;
    case 'CALL_REJECTED':
    case 'DECLINE':
      return 603;
    case 'DESTINATION_OUT_OF_ORDER':
    case 'NETWORK_OUT_OF_ORDER':
      return 502;
    case 'INVALID_NUMBER_FORMAT':
      return 484;
    case 'FACILITY_REJECTED':
      return 501;
    case 'NORMAL_CIRCUIT_CONGESTION':
    case 'SWITCH_CONGESTION':
    case 'NORMAL_TEMPORARY_FAILURE':
    case 'REQUESTED_CHAN_UNAVAIL':
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'INCOMPATIBLE_DESTINATION':
      return 488;
    case 'RECOVERY_ON_TIMER_EXPIRE':
      return 504;
    case 'ORIGINATOR_CANCEL':
      return 487;
    case 'BUSY_EVERYWHERE':
      return 600;
    case 'DOES_NOT_EXIST_ANYWHERE':
      return 604;
    case 'NOT_ACCEPTABLE':
      return 606;
    default:
      return answered ? 200 : 480;
  }
}

/** The cause mod_sofia assigns to a SIP final response (`sofia_glue_sip_cause_to_freeswitch`). */
export function sipStatusToCause(status: number): HangupCause {
  switch (status) {
    case 200:
      return 'NORMAL_CLEARING';
    case 401:
    case 402:
    case 403:
    case 407:
    case 603:
    case 608:
      return 'CALL_REJECTED';
    case 404:
      return 'UNALLOCATED_NUMBER';
    case 485:
    case 604:
      return 'NO_ROUTE_DESTINATION';
    case 408:
    case 504:
      return 'RECOVERY_ON_TIMER_EXPIRE';
    case 410:
      return 'NUMBER_CHANGED';
    case 413:
    case 414:
    case 416:
    case 420:
    case 421:
    case 423:
    case 505:
    case 513:
      return 'INTERWORKING';
    case 480:
      return 'NO_USER_RESPONSE';
    case 400:
    case 481:
    case 500:
    case 503:
      return 'NORMAL_TEMPORARY_FAILURE';
    case 486:
    case 600:
      return 'USER_BUSY';
    case 484:
      return 'INVALID_NUMBER_FORMAT';
    case 488:
    case 606:
      return 'INCOMPATIBLE_DESTINATION';
    case 502:
      return 'NETWORK_OUT_OF_ORDER';
    case 405:
      return 'SERVICE_UNAVAILABLE';
    case 406:
    case 415:
    case 501:
      return 'SERVICE_NOT_IMPLEMENTED';
    case 482:
    case 483:
      return 'EXCHANGE_ROUTING_ERROR';
    case 487:
      return 'ORIGINATOR_CANCEL';
    default:
      return 'NORMAL_UNSPECIFIED';
  }
}
