import type { RpcClient } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import type { flowManager } from '@voxmesh/contracts';
import type { ActionDeps, ActionHandlers } from '../actions/types.js';
import type { Call, CallManagerRoutes, HangupReason } from '../contract.js';
import type { CallRepository, ChannelRepository } from '../db/repositories.js';
import type { ChannelEvent } from '../esl/event.js';
import type { LegLink } from '../esl/leg-link.js';
import { LoggedLink } from '../esl/logged-link.js';
import type { CallMetrics } from '../metrics.js';
import { CallEnd } from './call-end.js';
import { CallState, type CallEventData, type CallEventPublisher, type CallEventType } from './call-state.js';
import { ChannelEvents } from './channel-events.js';
import type { ConfbridgeService } from './confbridges.js';
import { FlowLoop } from './flow-loop.js';
import type { ChannelHook } from './kazoo.js';
import type { LegFacts } from './leg.js';
import type { HeldCall } from './live-call.js';
import { LiveControl } from './live-control.js';
import type { RecordingService } from './recordings.js';
import { CallMetaflows, type CallMetaflowsDeps } from '../metaflows/call-metaflows.js';
import type { CallRegistry } from './registry.js';
import { SerialQueue } from './serial-queue.js';

export interface SessionDeps {
  flows: RpcClient<flowManager.FlowManagerRoutes>;
  /** call-manager's own queue, for the delayed action timeouts. */
  self: RpcClient<CallManagerRoutes>;
  calls: CallRepository;
  channels: ChannelRepository;
  events: CallEventPublisher;
  metrics: CallMetrics;
  logger: Logger;
  registry: CallRegistry;
  confbridges: ConfbridgeService;
  recordings: RecordingService;
  handlers: ActionHandlers;
  actionDeps: ActionDeps;
  /** This replica's name, stored with the calls it holds. */
  owner: string;
  /** `-next_hold_max_ms`: how long a call waits at an action boundary for the broker to come back. */
  nextHoldMaxMs?: number;
  /** Kazoo's metaflows on the calls' key presses; left out, digits go to the flow only. */
  metaflows?: Omit<CallMetaflowsDeps, 'logger' | 'registry'> | undefined;
}

export interface SessionInit {
  call: Call;
  link: LegLink;
  leg: LegFacts;
  /** The media server's Core-UUID when the channel was made. */
  coreUuid: string;
}

/**
 * A call this replica holds. Its parts each keep one concern: its state (CallState),
 * its flow (FlowLoop), its channel's events (ChannelEvents), live control of its media
 * (LiveControl) and its end (CallEnd). Everything that happens to the call (the
 * channel's events, RPCs, timeouts, other calls' doings) goes through its serial
 * queue, so the parts never run at once.
 */
export class CallSession implements HeldCall {
  readonly link: LegLink;
  readonly control: LiveControl;
  private readonly state: CallState;
  private readonly flow: FlowLoop;
  private readonly end: CallEnd;
  private readonly channelEvents: ChannelEvents;
  private readonly queue: SerialQueue;
  private readonly deps: SessionDeps;

  constructor(shared: SessionDeps, init: SessionInit) {
    // Whichever part of the call logs, its lines name the call and its account.
    const deps = { ...shared, logger: shared.logger.child({ call_id: init.call.id, account_id: init.call.account_id || undefined }) };
    this.deps = deps;
    this.link = new LoggedLink(init.link, deps.logger);
    this.queue = new SerialQueue((error, what) => deps.logger.error({ err: error, what }, 'call work failed'));
    this.state = new CallState(deps, init);
    this.control = new LiveControl({ recordings: deps.recordings, ttsEngine: deps.actionDeps.settings.ttsEngine }, this.state, this.link, this);
    this.flow = new FlowLoop(deps, this.state, this);
    const enqueue = (what: string, work: () => Promise<void>) => this.enqueue(what, work);
    this.end = new CallEnd(deps, { state: this.state, flow: this.flow, control: this.control, link: this.link, held: this, enqueue });
    const metaflows = deps.metaflows ? new CallMetaflows({ ...deps.metaflows, logger: deps.logger, registry: deps.registry }, this) : undefined;
    this.channelEvents = new ChannelEvents(deps.recordings, { state: this.state, flow: this.flow, end: this.end, live: this, metaflows });
  }

  get call(): Call {
    return this.state.call;
  }

  get leg(): LegFacts {
    return this.state.leg;
  }

  get coreUuid(): string {
    return this.state.coreUuid;
  }

  get answered(): boolean {
    return this.state.answered;
  }

  get ending(): boolean {
    return this.state.ending;
  }

  get over(): boolean {
    return this.state.over;
  }

  get isReleased(): boolean {
    return this.end.isReleased;
  }

  get gone(): Promise<void> {
    return this.end.gone;
  }

  enqueue(what: string, work: () => Promise<void>): void {
    this.queue.push(what, work);
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(work);
  }

  // ---- state (see CallState) -------------------------------------------------------

  save(): void {
    this.state.save();
  }

  saveChannel(): void {
    this.state.saveChannel();
  }

  update(change: (call: Call) => void): void {
    this.state.update(change);
  }

  amend(change: (call: Call) => void): void {
    this.state.amend(change);
  }

  publish<K extends CallEventType>(type: K, data: CallEventData<K>, fresh = false): void {
    this.state.publish(type, data, fresh);
  }

  publishChannel(hook: ChannelHook): void {
    this.state.publishChannel(hook);
  }

  published(): Promise<void> {
    return this.state.published();
  }

  // ---- the flow (see FlowLoop) -----------------------------------------------------

  /** Starts the flow (an inbound call once routed). Call from the queue. */
  startFlow(): Promise<void> {
    return this.flow.start();
  }

  finishAction(actionId?: string): Promise<void> {
    return this.flow.finishAction(actionId);
  }

  actionNext(force: boolean): Promise<void> {
    return this.flow.actionNext(force);
  }

  actionTimeout(actionId: string, tmExecute: string): Promise<boolean> {
    return this.flow.actionTimeout(actionId, tmExecute);
  }

  activeflowEnded(): Promise<void> {
    return this.flow.activeflowEnded();
  }

  // ---- the channel's events (see ChannelEvents) --------------------------------------

  onEvent(event: ChannelEvent): void {
    this.deps.metrics.eslEvents.inc([event.name]);
    this.queue.push(event.name, () => this.channelEvents.handle(event));
  }

  onGone(): void {
    this.queue.push('gone', () => this.release());
  }

  // ---- live control and the end (see LiveControl, CallEnd) ------------------------------

  breakMedia(all: boolean): Promise<void> {
    return this.control.breakMedia(all);
  }

  requestHangup(reason: Exclude<HangupReason, ''>, options: { cause?: string; viaApp?: boolean } = {}): Promise<void> {
    return this.end.requestHangup(reason, options);
  }

  channelDown(cause: string, event?: ChannelEvent, known?: { by: 'local' | 'remote'; reason: Exclude<HangupReason, ''> }): Promise<void> {
    return this.end.channelDown(cause, event, known);
  }

  release(): Promise<void> {
    return this.end.release();
  }

  originated(result: { ok: true } | { ok: false; cause: string }): Promise<void> {
    return this.end.originated(result);
  }

  /**
   * A call taken back after a restart, its channel still up. One being hung up is hung
   * up again. An inbound call lost its outbound socket with the restart, and FreeSWITCH
   * ends such a call once its current application ends: it is hung up cleanly now. One
   * not yet answered is given up. An answered leg call-manager dialled goes on with its
   * flow from the action after the one it was running (which the restart cut short).
   */
  async recover(): Promise<void> {
    const { call } = this.state;
    this.flow.markStarted();
    if (await this.end.resumeHangingUp()) return;
    if (call.direction === 'incoming') {
      await this.requestHangup('failed', { cause: 'NORMAL_TEMPORARY_FAILURE' });
      return;
    }
    if (call.status !== 'progressing' || call.activeflow_id === '') {
      await this.requestHangup(call.status === 'progressing' ? 'normal' : call.direction === 'outgoing' ? 'cancel' : 'failed');
      return;
    }
    this.state.leg.channel.state = 'answered';
    await this.breakMedia(true).catch(() => undefined);
    await this.flow.resume();
  }
}
