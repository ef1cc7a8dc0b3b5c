import type { HangupCause } from '../channel/hangup-causes.js';
import type { SimClock } from '../clock.js';
import type { Session } from '../core/session.js';
import type { DialTarget } from './dial-string.js';
import { confirmLeg, groupConfirmOf } from './group-confirm.js';

/** How one group of a dial string (its `,`-joined targets) ended. */
export type GroupOutcome = { ok: true; leg: Session } | { ok: false; cause: HangupCause; timedOut: boolean };

/** What ringing a group needs of the dialer. */
export interface GroupRinger {
  readonly clock: SimClock;
  /** Makes a target's leg (CREATE, OUTGOING); a cause when it cannot be made. */
  createLeg(target: DialTarget, variables: Map<string, string>): Session | HangupCause;
  /** The leg rings until its destination answers or refuses, or it is hung up; `answered` or its cause. */
  ringLeg(leg: Session): Promise<'answered' | HangupCause>;
  /** The winner is chosen: fire its CHANNEL_ORIGINATE. */
  won(leg: Session): void;
}

interface Slot {
  target: DialTarget;
  variables: Map<string, string>;
  /** Simulated ms after the group started at which the leg is placed (leg_delay_start). */
  delayMs: number;
  /** Simulated ms after the group started at which the leg gives up (leg_timeout, counted from its delay). */
  limitMs: number;
  leg?: Session;
  started: boolean;
  cause?: HangupCause;
  cancelStart?: () => void;
  cancelLimit?: () => void;
  /** Answered, and asked for the confirmation key. */
  confirming?: boolean;
}

const seconds = (variables: Map<string, string>, name: string): number => {
  const value = Number.parseInt(variables.get(name) ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : 0;
};

/**
 * One group of `switch_ivr_originate` (switch_ivr_originate.c): every target rings at
 * once, the first to answer wins and the others are hung up with LOSE_RACE. As there:
 * - the group's own limit (`timelimit_sec`, from `originate_timeout`/`call_timeout`)
 *   ends every leg still ringing with NO_ANSWER and marks the group timed out, which
 *   stops a `|` failover unless `originate_continue_on_timeout`;
 * - `leg_timeout` is a leg's own limit (`per_channel_timelimit_sec`), which hangs that
 *   leg up with ALLOTTED_TIMEOUT and does not count as the group timing out;
 * - `leg_delay_start` holds a leg back (`per_channel_delay_start`) and moves its
 *   `leg_timeout` by as much; once no leg without a delay is left, the held ones move
 *   forward by the smallest delay (`check_per_channel_timeouts`). The switch makes the
 *   held channel at once and blocks its state machine; here the leg is made when
 *   released, which is when its INVITE would leave.
 * - when every leg failed, the cause is the first leg's in dial-string order (the loop
 *   over `originate_status` that reads the first channel down);
 * - with `group_confirm_key`, an answered leg wins only once its callee keys it in
 *   (group-confirm.ts); until then it is still subject to the limits, which hang it up
 *   too, unless `group_confirm_cancel_timeout` stopped them.
 */
export function ringGroup(ringer: GroupRinger, targets: DialTarget[], globals: Map<string, string>, groupLimitMs: number): Promise<GroupOutcome> {
  return new Promise((resolve) => {
    const startedAt = ringer.clock.now();
    const slots: Slot[] = targets.map((target) => {
      const variables = new Map([...globals, ...target.variables]);
      // check_per_channel_timeouts compares whole elapsed seconds with `>`: a leg held for
      // N seconds starts, and a leg limited to N seconds gives up, in the (N+1)th second,
      // so a group limit equal to a leg's comes first.
      const delay = seconds(variables, 'leg_delay_start');
      const legLimit = seconds(variables, 'leg_timeout');
      const delayMs = delay > 0 ? (delay + 1) * 1000 : 0;
      return { target, variables, delayMs, limitMs: legLimit > 0 ? (delay + legLimit + 1) * 1000 : Infinity, started: false };
    });
    let settled = false;
    let timedOut = false;
    const elapsed = () => ringer.clock.now() - startedAt;

    const finish = (outcome: GroupOutcome) => {
      if (settled) return;
      settled = true;
      cancelGroupLimit();
      for (const slot of slots) {
        slot.cancelStart?.();
        slot.cancelLimit?.();
      }
      resolve(outcome);
    };
    const failIfDone = () => {
      if (settled || slots.some((slot) => slot.cause === undefined)) return;
      const first = slots.find((slot) => slot.leg !== undefined) ?? slots[0]!;
      finish({ ok: false, cause: first.cause ?? 'NORMAL_UNSPECIFIED', timedOut });
    };
    const fail = (slot: Slot, cause: HangupCause) => {
      slot.cause ??= cause;
      slot.cancelStart?.();
      slot.cancelLimit?.();
      releaseHeldLegs();
      failIfDone();
    };
    // check_per_channel_timeouts: with no leg ringing that had no delay, the held ones come forward.
    const releaseHeldLegs = () => {
      if (settled) return;
      const ringing = slots.some((slot) => slot.started && slot.cause === undefined);
      const held = slots.filter((slot) => !slot.started && slot.cause === undefined);
      if (ringing || held.length === 0) return;
      const shift = Math.min(...held.map((slot) => slot.delayMs)) - elapsed();
      if (shift <= 0) return;
      for (const slot of held) {
        slot.delayMs -= shift;
        slot.limitMs -= shift;
        schedule(slot);
      }
    };
    const start = (slot: Slot) => {
      if (settled || slot.started || slot.cause !== undefined) return;
      slot.started = true;
      const made = ringer.createLeg(slot.target, slot.variables);
      if (typeof made === 'string') return fail(slot, made);
      slot.leg = made;
      if (Number.isFinite(slot.limitMs)) {
        slot.cancelLimit = ringer.clock.schedule(Math.max(0, slot.limitMs - elapsed()), () => {
          if ((!made.channel.answered || slot.confirming) && made.up) made.hangup('ALLOTTED_TIMEOUT');
        });
      }
      void ringer.ringLeg(made).then(async (outcome) => {
        if (outcome !== 'answered') return fail(slot, outcome);
        const confirm = groupConfirmOf(slot.variables);
        if (confirm && !settled) {
          slot.confirming = true;
          if (confirm.cancelTimeout) {
            cancelGroupLimit();
            for (const each of slots) each.cancelLimit?.();
          }
          if (!(await confirmLeg(made, confirm))) {
            if (made.up) made.hangup('NORMAL_CLEARING');
            return fail(slot, made.channel.hangupCause ?? 'NORMAL_CLEARING');
          }
          slot.confirming = false;
        }
        if (settled) {
          made.hangup('LOSE_RACE');
          return;
        }
        for (const other of slots) if (other !== slot && other.leg?.up) other.leg.hangup('LOSE_RACE');
        ringer.won(made);
        finish({ ok: true, leg: made });
      });
    };
    const schedule = (slot: Slot) => {
      slot.cancelStart?.();
      const wait = slot.delayMs - elapsed();
      if (wait <= 0) start(slot);
      else slot.cancelStart = ringer.clock.schedule(wait, () => start(slot));
    };

    const cancelGroupLimit = Number.isFinite(groupLimitMs)
      ? ringer.clock.schedule(groupLimitMs, () => {
          timedOut = true;
          for (const slot of slots) {
            if (slot.leg?.up && (!slot.leg.channel.answered || slot.confirming)) slot.leg.hangup('NO_ANSWER');
            else if (!slot.started) fail(slot, 'NO_ANSWER');
          }
        })
      : () => undefined;
    for (const slot of slots) if (slot.delayMs === 0) start(slot);
    for (const slot of slots) if (slot.delayMs > 0) schedule(slot);
    releaseHeldLegs();
  });
}
