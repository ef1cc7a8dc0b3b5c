import type { CallState } from '../channel/states.js';
import type { SimClock } from '../clock.js';
import { origin, type FiringSession } from './session-part.js';

const CALL_STATE_NUMBERS: Record<CallState, number> = { DOWN: 0, DIALING: 1, RINGING: 2, EARLY: 3, ACTIVE: 4, HELD: 5, RING_WAIT: 6, HANGUP: 7, UNHELD: 8 };

/** A call's progress as `switch_channel_perform_mark_*` marks it: ringing, early media, answer, hold. */
export class CallProgress {
  constructor(
    private readonly session: FiringSession,
    private readonly clock: SimClock,
  ) {}

  private setCallState(callState: CallState): void {
    const previous = this.session.channel.callState;
    if (previous === callState) return;
    this.session.channel.callState = callState;
    this.fireCallState(previous);
  }

  /** CHANNEL_CALLSTATE for a call state already set, naming the one it left. */
  fireCallState(previous: CallState): void {
    this.session.fire(
      'CHANNEL_CALLSTATE',
      [
        ['Original-Channel-Call-State', previous],
        ['Channel-Call-State-Number', String(CALL_STATE_NUMBERS[this.session.channel.callState])],
      ],
      { origin: origin('switch_channel.c', 'switch_channel_perform_set_callstate', 315) },
    );
  }

  /** 180 Ringing: CHANNEL_PROGRESS and call state RINGING. */
  ring(): void {
    const ch = this.session.channel;
    if (!ch.up || ch.answered || ch.times.progress !== 0) return;
    ch.times.progress = this.clock.nowMicros();
    this.session.fire('CHANNEL_PROGRESS', [], { origin: origin('switch_channel.c', 'switch_channel_perform_mark_ring_ready_value', 3730) });
    this.setCallState('RINGING');
  }

  /** 183 with media: CHANNEL_PROGRESS_MEDIA, answer state early. */
  preAnswer(): void {
    const ch = this.session.channel;
    if (!ch.up || ch.answered || ch.times.progressMedia !== 0) return;
    const now = this.clock.nowMicros();
    if (ch.times.progress === 0) ch.times.progress = now;
    ch.times.progressMedia = now;
    ch.answerState = 'early';
    this.session.fire('CHANNEL_PROGRESS_MEDIA', [], { origin: origin('switch_channel.c', 'switch_channel_perform_mark_pre_answered', 3806) });
    this.setCallState('EARLY');
  }

  answer(): void {
    const ch = this.session.channel;
    if (!ch.up || ch.answered) return;
    const now = this.clock.nowMicros();
    if (ch.times.progress === 0) ch.times.progress = now;
    if (ch.times.progressMedia === 0) ch.times.progressMedia = now;
    ch.times.answered = now;
    ch.answerState = 'answered';
    ch.setVariable('endpoint_disposition', 'ANSWER');
    this.session.fire('CHANNEL_ANSWER', [], { origin: origin('switch_channel.c', 'switch_channel_perform_mark_answered', 3993) });
    this.setCallState('ACTIVE');
  }

  /** Puts the call on hold (CHANNEL_HOLD, call state HELD) or takes it off (CHANNEL_UNHOLD). */
  hold(on: boolean): void {
    const ch = this.session.channel;
    if (!ch.up || on === (ch.callState === 'HELD')) return;
    const now = this.clock.nowMicros();
    if (on) {
      ch.times.lastHold = now;
      this.session.fire('CHANNEL_HOLD', [], { origin: origin('switch_channel.c', 'switch_channel_perform_mark_hold', 1212) });
      this.setCallState('HELD');
    } else {
      ch.times.holdAccum += now - ch.times.lastHold;
      this.session.fire('CHANNEL_UNHOLD', [], { origin: origin('switch_channel.c', 'switch_channel_perform_mark_hold', 1227) });
      this.setCallState(ch.answered ? 'ACTIVE' : 'EARLY');
    }
  }
}
