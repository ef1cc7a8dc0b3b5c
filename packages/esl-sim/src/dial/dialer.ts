import { randomUUID } from 'node:crypto';
import { parseHangupCause, type HangupCause } from '../channel/hangup-causes.js';
import type { Core } from '../core/core.js';
import type { Session } from '../core/session.js';
import type { Destination } from './destinations.js';
import { parseDialString, type DialTarget } from './dial-string.js';
import { ringGroup, type GroupRinger } from './ring-group.js';
import { faxReceivers } from '../apps/fax.js';

export interface DialOptions {
  /** The channel the legs are dialled for (the bridge app's caller); its hangup cancels them. */
  originator?: Session;
  callerIdName?: string;
  callerIdNumber?: string;
  /** Seconds to ring before giving up; dial-string variables override it. */
  timeoutSec?: number;
  /** Whether the answered leg will run the dialplan (originate to an extension). */
  hitDialplan?: boolean;
  /** Every leg made, as it is made. */
  onLeg?: (leg: Session) => void;
  /** A leg rang (180) or brought early media (183): a bridging caller hears it too. */
  onRing?: (leg: Session) => void;
  onEarlyMedia?: (leg: Session) => void;
}

export type DialResult = { ok: true; leg: Session } | { ok: false; cause: HangupCause };

const DEFAULT_TIMEOUT_SEC = 60;

/**
 * `switch_ivr_originate` for simulated endpoints: makes the outgoing legs of a dial
 * string and lets each behave as its destination is configured. Each `|` group rings
 * as `ringGroup` says; groups are tried in order.
 */
export class Dialer {
  constructor(private readonly core: Core) {}

  async dial(dialString: string, options: DialOptions = {}): Promise<DialResult> {
    const plan = parseDialString(dialString);
    if (plan.groups.length === 0) return { ok: false, cause: 'INVALID_URL' };
    const continueOnTimeout = plan.variables.get('originate_continue_on_timeout') === 'true';
    const ringer: GroupRinger = {
      clock: this.core.clock,
      createLeg: (target, variables) => this.createLeg(target, variables, options),
      ringLeg: (leg) => this.ringLeg(leg, this.core.destinations.lookupLeg(leg.channel.getVariable('channel_name') ?? '', leg.channel.profile.destinationNumber), options, plan.variables),
      won: (leg) => leg.fire('CHANNEL_ORIGINATE', [], { origin: { file: 'switch_ivr_originate.c', func: 'switch_ivr_originate', line: 3924 } }),
    };
    let lastCause: HangupCause = 'NORMAL_UNSPECIFIED';
    for (const group of plan.groups) {
      if (options.originator && !options.originator.up) return { ok: false, cause: 'ORIGINATOR_CANCEL' };
      const result = await ringGroup(ringer, group, plan.variables, groupLimitMs(plan.variables, options));
      if (result.ok) return result;
      lastCause = result.cause;
      // switch_ivr_originate: a group that reached its time limit ends the failover.
      if (result.timedOut && !continueOnTimeout) break;
    }
    return { ok: false, cause: lastCause };
  }

  /** Makes the leg and fires its start (CREATE, OUTGOING, states); a cause when it cannot be made. */
  private createLeg(target: DialTarget, variables: Map<string, string>, options: DialOptions): Session | HangupCause {
    if (target.endpoint.toLowerCase().startsWith('error/')) {
      return parseHangupCause(target.endpoint.slice('error/'.length)) ?? 'NORMAL_UNSPECIFIED';
    }
    const uuid = variables.get('origination_uuid') ?? randomUUID();
    if (this.core.locate(uuid)) return 'DESTINATION_OUT_OF_ORDER';
    const originator = options.originator?.channel;
    const session = this.core.createSession({
      uuid,
      direction: 'outbound',
      name: target.endpoint,
      profile: {
        username: '',
        dialplan: 'XML',
        callerIdName: variables.get('origination_caller_id_name') ?? options.callerIdName ?? originator?.profile.callerIdName ?? 'FreeSWITCH',
        callerIdNumber: variables.get('origination_caller_id_number') ?? options.callerIdNumber ?? originator?.profile.callerIdNumber ?? '0000000000',
        calleeIdNumber: target.destination,
        networkAddr: '',
        ani: originator?.profile.ani ?? '',
        destinationNumber: target.destination,
        source: 'mod_sofia',
        context: 'default',
      },
      createdMicros: this.core.clock.nowMicros(),
      hitDialplan: options.hitDialplan ?? false,
    });
    const ch = session.channel;
    if (originator) {
      for (const name of (originator.getVariable('export_vars') ?? '').split(',')) {
        const value = name.trim() === '' ? undefined : originator.getVariable(name.trim());
        if (value !== undefined) ch.setVariable(name.trim(), value);
      }
      ch.otherLeg = { type: 'originator', channel: originator };
      ch.setVariable('originating_leg_uuid', originator.uuid);
      // What `intercept -bleg` follows back to the caller (SWITCH_ORIGINATE_SIGNAL_BOND_VARIABLE).
      ch.setVariable('originate_signal_bond', originator.uuid);
    }
    for (const [name, value] of variables) ch.setVariable(name, value);
    // mod_dptools' user endpoint (user_outgoing_channel) gives the leg the user's presence_id unless one was set.
    const user = /^user\/([^@/]+)@([^/;]+)/i.exec(target.endpoint);
    if (user && ch.getVariable('presence_id') === undefined) ch.setVariable('presence_id', `${user[1]}@${user[2]}`);
    ch.setVariable('direction', 'outbound');
    ch.setVariable('uuid', uuid);
    ch.setVariable('dialed_user', target.destination);
    ch.setVariable('sip_to_user', target.destination);
    ch.setVariable('sip_req_user', target.destination);
    ch.setVariable('channel_name', target.endpoint);
    options.onLeg?.(session);
    this.core.startOutbound(session);
    return session;
  }

  /**
   * The leg rings, then answers or refuses as its destination says, unless it is hung
   * up first (a timeout of the group or its own, a cancel). With `ignore_early_media`
   * the caller hears ringing, never the leg's early media.
   */
  private async ringLeg(leg: Session, destination: Destination, options: DialOptions, globals: Map<string, string>): Promise<'answered' | HangupCause> {
    leg.amd = destination.amd;
    if (destination.fax === true) faxReceivers.add(leg);
    const originator = options.originator;
    if (originator) {
      void originator.hungUp.then(() => {
        if (!leg.channel.answered) leg.hangup('ORIGINATOR_CANCEL');
      });
    }
    const refuses = destination.answer === 'busy' || destination.answer === 'reject';
    if (!refuses) {
      leg.ring();
      options.onRing?.(leg);
      if (destination.early_media) {
        leg.preAnswer();
        if (!ignoresEarlyMedia(globals)) options.onEarlyMedia?.(leg);
      }
    }
    // A phone told to answer by itself (sip_auto_answer, Call-Info answer-after) answers at once; refusing or silent ones do not.
    const actsAt = destination.answer === 'no_answer' ? Infinity : destination.answer === 'answer' && autoAnswers(leg) ? 0 : destination.after_ms;
    const result = await leg.wait(actsAt);
    if (result.outcome === 'hangup') {
      const cause = leg.channel.hangupCause ?? 'NORMAL_UNSPECIFIED';
      // A leg that never rang and was given up on did not respond at all.
      return refuses && cause === 'NO_ANSWER' ? 'NO_USER_RESPONSE' : cause;
    }
    switch (destination.answer) {
      case 'busy':
        leg.hangup('USER_BUSY', 'remote');
        return 'USER_BUSY';
      case 'reject':
        leg.hangup('CALL_REJECTED', 'remote');
        return 'CALL_REJECTED';
      default:
        leg.answer();
        return 'answered';
    }
  }
}

/** The leg asks the phone to answer by itself: `sip_auto_answer=true`, or a Call-Info header with `answer-after`. */
function autoAnswers(leg: Session): boolean {
  if (leg.channel.getVariable('sip_auto_answer') === 'true') return true;
  return /answer-after\s*=/i.test(leg.channel.getVariable('sip_h_Call-Info') ?? '');
}

/** `ignore_early_media` true, or `ring_ready` / `consume` (the caller gets ringing only). */
function ignoresEarlyMedia(globals: Map<string, string>): boolean {
  const value = globals.get('ignore_early_media');
  return value === 'true' || value === 'ring_ready' || value === 'consume';
}

/**
 * The group's limit (`timelimit_sec`): `originate_timeout`, else `call_timeout`, of the
 * dial string's `{}` block, else the caller's, else 60 s. `leg_timeout` is per leg.
 */
function groupLimitMs(variables: Map<string, string>, options: DialOptions): number {
  for (const name of ['originate_timeout', 'call_timeout']) {
    const seconds = Number(variables.get(name));
    if (variables.has(name) && Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  }
  return (options.timeoutSec !== undefined && options.timeoutSec > 0 ? options.timeoutSec : DEFAULT_TIMEOUT_SEC) * 1000;
}
