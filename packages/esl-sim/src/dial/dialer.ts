import { randomUUID } from 'node:crypto';
import { parseHangupCause, type HangupCause } from '../channel/hangup-causes.js';
import type { Core } from '../core/core.js';
import type { Session } from '../core/session.js';
import type { Destination } from './destinations.js';
import { parseDialString, type DialTarget } from './dial-string.js';

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
 * string and lets each behave as its destination is configured. The first leg of a
 * group to answer wins and the others lose the race; groups are tried in order.
 */
export class Dialer {
  constructor(private readonly core: Core) {}

  async dial(dialString: string, options: DialOptions = {}): Promise<DialResult> {
    const plan = parseDialString(dialString);
    if (plan.groups.length === 0) return { ok: false, cause: 'INVALID_URL' };
    let lastCause: HangupCause = 'NORMAL_UNSPECIFIED';
    for (const group of plan.groups) {
      if (options.originator && !options.originator.up) return { ok: false, cause: 'ORIGINATOR_CANCEL' };
      const result = await this.ringGroup(group, plan.variables, options);
      if (result.ok) return result;
      lastCause = result.cause;
    }
    return { ok: false, cause: lastCause };
  }

  private ringGroup(targets: DialTarget[], globals: Map<string, string>, options: DialOptions): Promise<DialResult> {
    return new Promise((resolve) => {
      let pending = targets.length;
      let winner: Session | undefined;
      let firstCause: HangupCause | undefined;
      const legs: Session[] = [];
      const settle = (cause: HangupCause | undefined) => {
        firstCause ??= cause;
        if (--pending === 0 && !winner) resolve({ ok: false, cause: firstCause ?? 'NORMAL_UNSPECIFIED' });
      };
      for (const target of targets) {
        const variables = new Map([...globals, ...target.variables]);
        const made = this.createLeg(target, variables, options);
        if (typeof made === 'string') {
          settle(made);
          continue;
        }
        legs.push(made);
        const destination = this.core.destinations.lookup(target.destination);
        void this.ringLeg(made, destination, timeoutMs(variables, options), options).then((outcome) => {
          if (outcome !== 'answered') return settle(outcome);
          if (winner) {
            made.hangup('LOSE_RACE');
            return settle(undefined);
          }
          winner = made;
          for (const other of legs) if (other !== made) other.hangup('LOSE_RACE');
          made.fire('CHANNEL_ORIGINATE', [], { origin: { file: 'switch_ivr_originate.c', func: 'switch_ivr_originate', line: 3924 } });
          resolve({ ok: true, leg: made });
          settle(undefined);
        });
      }
    });
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
    }
    for (const [name, value] of variables) ch.setVariable(name, value);
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

  /** The leg rings, then answers or refuses as its destination says, unless the timeout or a cancel comes first. */
  private async ringLeg(leg: Session, destination: Destination, timeoutMs: number, options: DialOptions): Promise<'answered' | HangupCause> {
    leg.amd = destination.amd;
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
        options.onEarlyMedia?.(leg);
      }
    }
    const actsAt = destination.answer === 'no_answer' ? Infinity : destination.after_ms;
    const result = await leg.wait(Math.min(actsAt, timeoutMs));
    if (result.outcome === 'hangup') return leg.channel.hangupCause ?? 'NORMAL_UNSPECIFIED';
    if (actsAt > timeoutMs) {
      const cause: HangupCause = refuses ? 'NO_USER_RESPONSE' : 'NO_ANSWER';
      leg.hangup(cause);
      return cause;
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

/** `leg_timeout`, `originate_timeout` or `call_timeout`, else the caller's, else 60 s. */
function timeoutMs(variables: Map<string, string>, options: DialOptions): number {
  for (const name of ['leg_timeout', 'originate_timeout', 'call_timeout']) {
    const seconds = Number(variables.get(name));
    if (variables.has(name) && Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  }
  return (options.timeoutSec !== undefined && options.timeoutSec > 0 ? options.timeoutSec : DEFAULT_TIMEOUT_SEC) * 1000;
}
