import type { CallDirection, CallStatus, HangupBy, HangupReason } from '../contract.js';

/**
 * voipbin's status machine (reference/voipbin-call-webhook-api.md §1.2): a call moves
 * forward only, `hangup` is final, and setting the status it already has is refused.
 */
const TRANSITIONS: Record<CallStatus, readonly CallStatus[]> = {
  dialing: ['ringing', 'progressing', 'terminating', 'canceling', 'hangup'],
  ringing: ['progressing', 'terminating', 'canceling', 'hangup'],
  progressing: ['terminating', 'hangup'],
  terminating: ['hangup'],
  canceling: ['hangup'],
  hangup: [],
};

export function canMove(from: CallStatus, to: CallStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The status a local hangup puts the call in before the channel is down. */
export function hangingUpStatus(direction: CallDirection, status: CallStatus): 'terminating' | 'canceling' {
  return direction === 'outgoing' && (status === 'dialing' || status === 'ringing') ? 'canceling' : 'terminating';
}

/** A reason as FreeSWITCH is asked for it: the cause a local hangup sends. */
export const causeOfReason: Record<Exclude<HangupReason, ''>, string> = {
  normal: 'NORMAL_CLEARING',
  failed: 'NORMAL_TEMPORARY_FAILURE',
  busy: 'USER_BUSY',
  cancel: 'ORIGINATOR_CANCEL',
  timeout: 'ALLOTTED_TIMEOUT',
  noanswer: 'NO_ANSWER',
  dialout: 'NORMAL_CLEARING',
  amd: 'NORMAL_CLEARING',
};

export function isReason(value: string): value is Exclude<HangupReason, ''> {
  return Object.hasOwn(causeOfReason, value);
}

export interface HangupFacts {
  direction: CallDirection;
  /** The status when the channel went down (terminating/canceling mean we were hanging it up). */
  status: CallStatus;
  /** The reason we asked for, when we hung up. */
  requested: HangupReason;
  /** FreeSWITCH's Hangup-Cause. */
  cause: string;
  answered: boolean;
}

/**
 * voipbin's reason and `hangup_by`, computed from what is known when the channel goes
 * down. A hangup we asked for keeps the reason we asked for (a canceling call is
 * always `cancel`); a remote one is read from the cause: busy and no-answer on a call
 * that never answered, normal once it did.
 */
export function hangupOutcome(facts: HangupFacts): { by: HangupBy; reason: Exclude<HangupReason, ''> } {
  const local = facts.status === 'terminating' || facts.status === 'canceling';
  if (local) {
    if (facts.status === 'canceling') return { by: 'local', reason: 'cancel' };
    return { by: 'local', reason: facts.requested === '' ? 'normal' : facts.requested };
  }
  if (facts.cause === 'ALLOTTED_TIMEOUT') return { by: 'remote', reason: 'timeout' };
  if (facts.answered) return { by: 'remote', reason: 'normal' };
  switch (facts.cause) {
    case 'USER_BUSY':
    case 'BUSY_EVERYWHERE':
      return { by: 'remote', reason: 'busy' };
    case 'NO_ANSWER':
    case 'NO_USER_RESPONSE':
    case 'CALL_REJECTED':
    case 'DECLINE':
    case 'SUBSCRIBER_ABSENT':
    case 'PROGRESS_TIMEOUT':
      return { by: 'remote', reason: 'noanswer' };
    case 'ORIGINATOR_CANCEL':
    case 'LOSE_RACE':
      return { by: 'remote', reason: 'cancel' };
    case 'NORMAL_CLEARING':
      // An incoming call the caller gave up on before it was answered; an outgoing one that was refused.
      return { by: 'remote', reason: facts.direction === 'incoming' ? 'cancel' : 'failed' };
    default:
      return { by: 'remote', reason: 'failed' };
  }
}
