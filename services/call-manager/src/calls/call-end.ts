import type { RpcClient } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import type { flowManager } from '@voxmesh/contracts';
import type { HangupReason } from '../contract.js';
import { EslCommandError } from '../esl/errors.js';
import type { ChannelEvent } from '../esl/event.js';
import type { LegLink } from '../esl/leg-link.js';
import type { CallMetrics } from '../metrics.js';
import type { CallState } from './call-state.js';
import type { ConfbridgeService } from './confbridges.js';
import type { FlowLoop } from './flow-loop.js';
import { absorb } from './leg.js';
import type { CallControl, HeldCall } from './live-call.js';
import type { RecordingService } from './recordings.js';
import type { CallRegistry } from './registry.js';
import { causeOfReason, hangingUpStatus, hangupOutcome } from './status.js';

/** How long a hung-up call waits for its channel's last events before it is let go anyway. */
const GONE_GRACE_MS = 10_000;
/** How long a call whose channel was found gone waits for that channel's CHANNEL_HANGUP (its real cause). */
const HANGUP_EVENT_GRACE_MS = 3_000;

export interface CallEndDeps {
  flows: RpcClient<flowManager.FlowManagerRoutes>;
  metrics: CallMetrics;
  logger: Logger;
  registry: CallRegistry;
  confbridges: ConfbridgeService;
  recordings: RecordingService;
}

/** The parts of a call its end touches. */
export interface EndingCall {
  state: CallState;
  flow: FlowLoop;
  control: CallControl;
  link: LegLink;
  /** The call as the registry, confbridges and recordings know it. */
  held: HeldCall;
  /** Queues work on the call. */
  enqueue(what: string, work: () => Promise<void>): void;
}

/**
 * How a call ends, voipbin's way: call-manager hanging it up (terminating or
 * canceling), the channel going down (hangup, with the reason from voipbin's table),
 * and the call leaving this replica once its channel can no longer be heard from. An
 * outgoing leg canceled before its channel exists is canceled again when it shows up.
 */
export class CallEnd {
  /** Resolves once the call is let go. */
  readonly gone: Promise<void>;
  private resolveGone!: () => void;
  private goneTimer: NodeJS.Timeout | undefined;
  private hangupEventTimer: NodeJS.Timeout | undefined;
  /** Why call-manager hung up, once it did. */
  private requested: HangupReason = '';
  private released = false;
  /** An outgoing leg canceled before its channel existed: cancel it again once it shows up. */
  private cancelPending = false;
  private sawChannel = false;

  constructor(
    private readonly deps: CallEndDeps,
    private readonly parts: EndingCall,
  ) {
    this.gone = new Promise((resolve) => (this.resolveGone = resolve));
  }

  get isReleased(): boolean {
    return this.released;
  }

  /** The first event of the channel: a leg canceled before it existed is canceled now. */
  async channelSeen(): Promise<void> {
    if (this.sawChannel) return;
    this.sawChannel = true;
    if (this.cancelPending && !this.parts.state.over) await this.parts.control.hangup('ORIGINATOR_CANCEL', { afterMedia: false }).catch(() => undefined);
  }

  async requestHangup(reason: Exclude<HangupReason, ''>, options: { cause?: string; viaApp?: boolean } = {}): Promise<void> {
    const { state, flow, control } = this.parts;
    if (state.over || this.released) return;
    if (state.call.status !== 'terminating' && state.call.status !== 'canceling') {
      this.requested = reason;
      state.setStatus(hangingUpStatus(state.call.direction, state.call.status));
    }
    if (!options.viaApp) flow.stop();
    const cause = options.cause ?? causeOfReason[reason];
    if (state.call.direction === 'outgoing' && !this.sawChannel) this.cancelPending = true;
    try {
      await control.hangup(cause, { afterMedia: options.viaApp === true });
    } catch (error) {
      if (error instanceof EslCommandError && error.noSuchChannel) {
        // An outgoing leg not made yet is canceled when it shows up. Any other channel is
        // already gone: its CHANNEL_HANGUP, queued behind this or on its way, carries the
        // switch's cause (ORIGINATOR_CANCEL, …), not the one asked for here.
        if (!this.cancelPending) this.awaitHangupEvent(cause);
        return;
      }
      this.deps.logger.warn({ err: error, call_id: state.call.id }, 'hangup not sent');
    }
  }

  /** Ends the call with `cause` only if its channel's own CHANNEL_HANGUP does not come first. */
  private awaitHangupEvent(cause: string): void {
    if (this.hangupEventTimer) return;
    this.hangupEventTimer = setTimeout(() => this.parts.enqueue('no hangup event', () => this.channelDown(cause)), HANGUP_EVENT_GRACE_MS);
    this.hangupEventTimer.unref();
  }

  /**
   * The channel is down (CHANNEL_HANGUP, or found gone): the call is over. Its reason
   * comes from voipbin's table; its activeflow is stopped unless the flow itself
   * finished; the calls it dialled and its confbridge hear of it.
   */
  async channelDown(cause: string, event?: ChannelEvent, known?: { by: 'local' | 'remote'; reason: Exclude<HangupReason, ''> }): Promise<void> {
    const { state, flow, held } = this.parts;
    const { call, leg } = state;
    if (state.over) return;
    if (this.hangupEventTimer) clearTimeout(this.hangupEventTimer);
    if (event) absorb(leg, event);
    const outcome = known ?? hangupOutcome({ direction: call.direction, status: call.status, requested: this.requested, cause, answered: state.answered });
    flow.interrupt();
    call.hangup_by = outcome.by;
    call.hangup_reason = outcome.reason;
    call.hangup_cause = cause;
    state.setStatus('hangup');
    leg.channel.state = 'hangup';
    leg.channel.hangup_cause = cause;
    leg.channel.tm_hangup = new Date().toISOString();
    leg.channel.bridged_to = '';
    state.saveChannel();
    state.publishChannel('channel_destroy');
    this.deps.metrics.callsEnded.inc([call.direction, outcome.reason]);
    this.deps.confbridges.left(held);
    this.deps.confbridges.legEnded(call.id);
    for (const id of call.chained_call_ids) {
      const chained = this.deps.registry.get(id);
      if (chained && !chained.ending) chained.enqueue('master hung up', () => chained.requestHangup(chained.answered ? 'normal' : 'cancel'));
    }
    if (!flow.finished && call.activeflow_id !== '') {
      const id = call.activeflow_id;
      this.deps.flows.call('stopActiveflow', { params: { id } }).catch((error: unknown) => {
        if (!(error instanceof VoipError && error.status === 'NOT_FOUND')) this.deps.logger.warn({ err: error, activeflow_id: id }, 'activeflow not stopped');
      });
    }
    this.goneTimer = setTimeout(() => this.parts.enqueue('gone (grace over)', () => this.release()), GONE_GRACE_MS);
    this.goneTimer.unref();
    if (!this.sawChannel && this.parts.link.kind === 'inbound') this.parts.enqueue('never made', () => this.release());
  }

  /** The channel can no longer be heard from; the call leaves this replica. */
  async release(): Promise<void> {
    if (this.released) return;
    if (!this.parts.state.over) await this.channelDown('NORMAL_UNSPECIFIED');
    this.released = true;
    if (this.goneTimer) clearTimeout(this.goneTimer);
    this.deps.recordings.finishAll(this.parts.held);
    this.parts.link.release();
    this.parts.state.save();
    this.deps.registry.remove(this.parts.held);
    this.resolveGone();
  }

  /** The result of the originate that made this leg: a failure before any channel event ends the call with its cause. */
  async originated(result: { ok: true } | { ok: false; cause: string }): Promise<void> {
    const { state, control } = this.parts;
    if (result.ok) {
      if (this.cancelPending && !state.over) await control.hangup('ORIGINATOR_CANCEL', { afterMedia: false }).catch(() => undefined);
      return;
    }
    if (state.over) return;
    await this.channelDown(result.cause);
    if (!this.sawChannel) await this.release();
  }

  /**
   * A call taken back after a restart, its channel still up: one call-manager was
   * hanging up is hung up again. True when that was it; otherwise the call is the
   * caller's to settle.
   */
  async resumeHangingUp(): Promise<boolean> {
    const { state, control } = this.parts;
    this.sawChannel = true;
    if (state.call.status !== 'terminating' && state.call.status !== 'canceling') return false;
    this.requested = state.call.status === 'canceling' ? 'cancel' : 'normal';
    await control.hangup(causeOfReason[this.requested], { afterMedia: false }).catch(() => undefined);
    return true;
  }
}
