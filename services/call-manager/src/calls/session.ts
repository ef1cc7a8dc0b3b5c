import { randomUUID } from 'node:crypto';
import type { RpcClient } from '@voxmesh/mesh';
import type { EventPublisher } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import type { flowManager } from '@voxmesh/contracts';
import type { ActionDeps, ActionHandler, ActionHandlers, ActionRun } from '../actions/types.js';
import { FINISH_ACTION_ID, actionOptionSchemas, isActionType, type ActionOf, type ActionType, type Call, type CallManagerRoutes, type CallStatus, type HangupReason, type WireAction } from '../contract.js';
import type { CallRepository, ChannelRepository } from '../db/repositories.js';
import { EslCommandError } from '../esl/errors.js';
import type { ChannelEvent } from '../esl/event.js';
import type { LegLink } from '../esl/leg-link.js';
import type { CallMetrics } from '../metrics.js';
import type { ConfbridgeService } from './confbridges.js';
import { channelPayload, type ChannelHook } from './kazoo.js';
import { absorb, type LegFacts } from './leg.js';
import type { LiveCall } from './live-call.js';
import type { RecordingService } from './recordings.js';
import type { CallRegistry } from './registry.js';
import { SerialQueue } from './serial-queue.js';
import { DIGITS_VARIABLE } from './variables.js';
import { canMove, causeOfReason, hangingUpStatus, hangupOutcome } from './status.js';

/** The newest problems kept on a call. */
const MAX_ERRORS = 10;
/** How long a hung-up call waits for its channel's last events before it is let go anyway. */
const GONE_GRACE_MS = 10_000;
/** Retries of a `next` that failed for a reason that may pass (flow-manager restarting). */
const NEXT_RETRY_DELAYS_MS = [200, 1000];

export interface SessionDeps {
  flows: RpcClient<flowManager.FlowManagerRoutes>;
  /** call-manager's own queue, for the delayed action timeouts. */
  self: RpcClient<CallManagerRoutes>;
  calls: CallRepository;
  channels: ChannelRepository;
  events: EventPublisher;
  metrics: CallMetrics;
  logger: Logger;
  registry: CallRegistry;
  confbridges: ConfbridgeService;
  recordings: RecordingService;
  handlers: ActionHandlers;
  actionDeps: ActionDeps;
  /** This replica's name, stored with the calls it holds. */
  owner: string;
}

export interface SessionInit {
  call: Call;
  link: LegLink;
  leg: LegFacts;
  /** The media server's Core-UUID when the channel was made. */
  coreUuid: string;
}

/**
 * A copy of a call for an event: what is changed in place later (lists, external
 * media) is copied, what is only ever replaced (addresses, the action, the device) is
 * shared. Much cheaper than a deep clone on every event of every call.
 */
export function snapshotOf(call: Call): Call {
  return {
    ...call,
    chained_call_ids: [...call.chained_call_ids],
    recording_ids: [...call.recording_ids],
    external_medias: call.external_medias.map((media) => ({ ...media })),
    errors: [...call.errors],
  };
}

/** Replaces what an application argument header cannot carry (line breaks end the header). */
function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** One run of one action: the handle a handler gets (ActionRun). */
class Run<T extends ActionType> implements ActionRun<T> {
  readonly apps = new Set<string>();
  readonly state: Record<string, unknown> = {};
  readonly startedAt = performance.now();
  done = false;

  constructor(
    private readonly session: CallSession,
    readonly handler: ActionHandler<T>,
    readonly action: ActionOf<T>,
    readonly tmExecute: string,
  ) {}

  get live(): LiveCall {
    return this.session;
  }

  get deps(): ActionDeps {
    return this.session.deps.actionDeps;
  }

  get active(): boolean {
    return !this.done && this.session.current === this && !this.session.ending;
  }

  async execute(app: string, arg = '', options: { wait?: boolean; onComplete?: (event: ChannelEvent) => Promise<void> } = {}): Promise<string> {
    const appUuid = randomUUID();
    const wait = options.wait !== false;
    if (wait) this.apps.add(appUuid);
    if (options.onComplete) this.session.watchApp(appUuid, options.onComplete);
    try {
      await this.session.link.execute(app, headerSafe(arg), appUuid);
    } catch (error) {
      this.apps.delete(appUuid);
      this.session.unwatchApp(appUuid);
      throw error;
    }
    return appUuid;
  }

  api(command: string): Promise<string> {
    return this.session.link.api(command);
  }

  complete(): Promise<void> {
    return this.session.completeRun(this);
  }

  refuse(reason: string, message: string): Promise<void> {
    return this.session.refuseRun(this, reason, message);
  }

  hangup(reason: Exclude<HangupReason, ''>, options: { cause?: string } = {}): Promise<void> {
    return this.session.requestHangup(reason, { ...options, viaApp: true });
  }

  async timeoutAfter(ms: number): Promise<void> {
    await this.session.deps.self.callLater(
      'actionTimeout',
      { params: { id: this.session.call.id }, body: { action_id: this.action.id, action_type: this.action.type, tm_execute: this.tmExecute } },
      ms,
    );
  }

  setVariables(variables: Record<string, string>): Promise<void> {
    return this.session.setVariables(variables);
  }

  digits(take = false): string {
    return this.session.digits(take);
  }
}

/**
 * A call this replica holds: its state, its channel, and the flow it runs. Everything
 * that happens to it (the channel's events, RPCs, timeouts, other calls' doings) goes
 * through its serial queue. The loop is voipbin's: ask flow-manager for the next
 * action, run it on FreeSWITCH, and when its completion event comes (or its timeout,
 * or a digit that satisfies it), ask again; the finish marker hangs the call up.
 */
export class CallSession implements LiveCall {
  readonly call: Call;
  readonly link: LegLink;
  readonly leg: LegFacts;
  readonly coreUuid: string;
  /** Resolves once the channel can no longer be heard from and the call is let go. */
  readonly gone: Promise<void>;
  current: Run<ActionType> | undefined;
  private readonly queue: SerialQueue;
  private collected = '';
  private requested: HangupReason = '';
  private flowStarted = false;
  private flowFinished = false;
  private completedAt: number | undefined;
  private publishing: Promise<void> = Promise.resolve();
  private lastExecuteMs = 0;
  private released = false;
  private resolveGone!: () => void;
  private goneTimer: NodeJS.Timeout | undefined;
  /** An outgoing leg canceled before its channel existed: cancel it again once it shows up. */
  private cancelPending = false;
  private sawChannel = false;
  private readonly appWatchers = new Map<string, (event: ChannelEvent) => Promise<void>>();

  constructor(
    readonly deps: SessionDeps,
    init: SessionInit,
  ) {
    this.call = init.call;
    this.link = init.link;
    this.leg = init.leg;
    this.coreUuid = init.coreUuid;
    this.gone = new Promise((resolve) => (this.resolveGone = resolve));
    this.queue = new SerialQueue((error, what) => this.logger.error({ err: error, what }, 'call work failed'));
  }

  private get logger(): Logger {
    return this.deps.logger;
  }

  get answered(): boolean {
    return this.leg.channel.state === 'answered';
  }

  get ending(): boolean {
    return this.call.status === 'terminating' || this.call.status === 'canceling' || this.call.status === 'hangup';
  }

  get over(): boolean {
    return this.call.status === 'hangup';
  }

  get isReleased(): boolean {
    return this.released;
  }

  /** Work queued or running for this call. */
  get backlog(): number {
    return this.queue.size;
  }

  enqueue(what: string, work: () => Promise<void>): void {
    this.queue.push(what, work);
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(work);
  }

  // ---- state, persistence and events ---------------------------------------------

  /** Saves the call (write-behind) without announcing it. */
  save(): void {
    this.deps.calls.save({ call: this.call, owner: this.deps.owner, coreUuid: this.coreUuid });
  }

  update(change: (call: Call) => void): void {
    change(this.call);
    this.call.tm_update = new Date().toISOString();
    this.save();
    this.publish('call_updated', this.call);
  }

  amend(change: (call: Call) => void): void {
    change(this.call);
    this.call.tm_update = new Date().toISOString();
    this.save();
  }

  /** Publishes in order with the call's other events; a call without an account has nobody to tell. */
  publish(type: string, data: unknown, fresh = false): void {
    if (this.call.account_id === '') return;
    // The event goes out later: it carries the data as it is now (a payload made for it is already a copy).
    const snapshot = fresh ? data : data === this.call ? snapshotOf(this.call) : structuredClone(data);
    this.publishing = this.publishing
      .then(() => this.deps.events.publish(type, snapshot))
      .catch((error: unknown) => this.logger.error({ err: error, type, call_id: this.call.id }, 'event not published'));
  }

  publishChannel(hook: ChannelHook): void {
    if (this.call.account_id === '') return;
    this.publish(hook, channelPayload(hook, this.call, this.leg), true);
  }

  /** Resolves once every event published so far has reached the broker. */
  published(): Promise<void> {
    return this.publishing;
  }

  saveChannel(): void {
    this.leg.channel.account_id = this.call.account_id;
    this.deps.channels.save(this.leg.channel);
  }

  /** Moves the call to `to` if the status machine allows it, with its time and its event. */
  setStatus(to: CallStatus): boolean {
    if (!canMove(this.call.status, to)) return false;
    const now = new Date().toISOString();
    this.call.status = to;
    this.call.tm_update = now;
    if (to === 'ringing') this.call.tm_ringing = now;
    if (to === 'progressing') this.call.tm_progressing = now;
    if (to === 'hangup') this.call.tm_hangup = now;
    this.save();
    this.publish(`call_${to}`, this.call);
    return true;
  }

  private recordError(actionId: string, actionType: string, reason: string, message: string): void {
    this.call.errors.push({ tm: new Date().toISOString(), action_id: actionId, action_type: actionType, reason, message });
    if (this.call.errors.length > MAX_ERRORS) this.call.errors.splice(0, this.call.errors.length - MAX_ERRORS);
  }

  // ---- the flow ------------------------------------------------------------------

  /** Starts the flow (an inbound call once routed, an outgoing one once answered). Call from the queue. */
  async startFlow(): Promise<void> {
    if (this.flowStarted || this.ending) return;
    this.flowStarted = true;
    this.completedAt = performance.now();
    await this.next();
  }

  /** Asks flow-manager for the action after the current one and runs it. */
  private async next(): Promise<void> {
    if (this.ending || this.call.activeflow_id === '') {
      if (!this.ending) await this.requestHangup('normal');
      return;
    }
    const currentId = this.call.action?.id;
    let action: WireAction | undefined;
    for (let attempt = 0; action === undefined; attempt++) {
      try {
        action = await this.deps.flows.call('nextAction', {
          params: { id: this.call.activeflow_id },
          body: currentId === undefined ? {} : { current_action_id: currentId },
        });
      } catch (thrown) {
        const error = VoipError.from(thrown);
        if (this.ending) return;
        if (error.reason === 'STALE_ACTION' && attempt === 0) {
          // flow-manager moved on without us (a restart, a forward): go on from where it is.
          this.logger.warn({ call_id: this.call.id, activeflow_id: this.call.activeflow_id, message: error.message }, 'activeflow was elsewhere; following it');
          action = await this.deps.flows
            .call('nextAction', { params: { id: this.call.activeflow_id }, body: {} })
            .catch(() => undefined);
          if (action) break;
        }
        const delay = error.retryable ? NEXT_RETRY_DELAYS_MS[attempt] : undefined;
        if (delay === undefined) {
          this.logger.error({ err: thrown, call_id: this.call.id, activeflow_id: this.call.activeflow_id }, 'could not get the next action; hanging up');
          this.recordError(currentId ?? '', this.call.action?.type ?? '', 'NEXT_FAILED', error.message);
          this.flowFinished = error.status === 'NOT_FOUND';
          await this.requestHangup(error.status === 'NOT_FOUND' ? 'normal' : 'failed');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    if (this.ending) return;
    if (action.id === FINISH_ACTION_ID || action.type === 'finish') {
      this.flowFinished = true;
      await this.requestHangup('normal');
      return;
    }
    await this.begin(action);
  }

  /** A tm_execute of its own for each run, even two in the same millisecond (a timeout names one run). */
  private executeTime(): string {
    const ms = Math.max(Date.now(), this.lastExecuteMs + 1);
    this.lastExecuteMs = ms;
    return new Date(ms).toISOString();
  }

  private async begin(action: WireAction): Promise<void> {
    const tmExecute = this.executeTime();
    this.update((call) => {
      call.action = { ...action, tm_execute: tmExecute };
    });
    if (this.completedAt !== undefined) {
      const seconds = (performance.now() - this.completedAt) / 1000;
      this.deps.metrics.nextSeconds.observe([], seconds);
      this.deps.metrics.nextSamples.add(seconds);
      this.completedAt = undefined;
    }
    const type = action.type;
    if (!isActionType(type)) {
      await this.refuseAction(action, 'UNKNOWN_ACTION', `call-manager does not know the action type ${JSON.stringify(type)}`);
      return;
    }
    const parsed = actionOptionSchemas[type].safeParse(action.option ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      await this.refuseAction(action, 'INVALID_OPTION', `${type}: option.${(issue?.path ?? []).join('.')}: ${issue?.message ?? 'invalid'}`);
      return;
    }
    const handler = this.deps.handlers[type] as ActionHandler<ActionType>;
    const typed = { id: action.id, type, option: parsed.data, ...(action.next_id !== undefined ? { next_id: action.next_id } : {}) } as ActionOf<ActionType>;
    const run = new Run<ActionType>(this, handler, typed, tmExecute);
    this.current = run;
    try {
      await handler.start(run);
    } catch (error) {
      await this.runFailed(run, error);
      return;
    }
    if (!handler.manual && run.apps.size === 0 && run.active) await this.completeRun(run);
  }

  /** Ends a run and moves on; a run already ended (or replaced) is left alone. */
  async completeRun(run: Run<ActionType>, outcome = 'completed'): Promise<void> {
    if (run.done || this.current !== run) return;
    run.done = true;
    this.deps.metrics.actions.inc([run.action.type, outcome]);
    this.deps.metrics.actionSeconds.observe([run.action.type], (performance.now() - run.startedAt) / 1000);
    this.completedAt = performance.now();
    if (this.ending) return;
    await this.next();
  }

  async refuseRun(run: Run<ActionType>, reason: string, message: string): Promise<void> {
    if (run.done || this.current !== run) return;
    this.logger.info({ call_id: this.call.id, action_id: run.action.id, action_type: run.action.type, reason }, message);
    this.update((call) => this.recordError(run.action.id, run.action.type, reason, message));
    await this.completeRun(run, 'refused');
  }

  private async refuseAction(action: WireAction, reason: string, message: string): Promise<void> {
    this.logger.info({ call_id: this.call.id, action_id: action.id, action_type: action.type, reason }, message);
    this.deps.metrics.actions.inc([isActionType(action.type) ? action.type : 'unknown', 'refused']);
    this.update((call) => this.recordError(action.id, action.type, reason, message));
    this.completedAt = performance.now();
    await this.next();
  }

  private async runFailed(run: Run<ActionType>, error: unknown): Promise<void> {
    if (this.ending || run.done) return;
    if (error instanceof EslCommandError && error.noSuchChannel) {
      // The channel went away under the action; its hangup event ends the call.
      run.done = true;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn({ err: error, call_id: this.call.id, action_type: run.action.type }, 'action failed; going on with the flow');
    this.update((call) => this.recordError(run.action.id, run.action.type, 'ACTION_FAILED', message));
    await this.completeRun(run, 'failed');
  }

  async finishAction(actionId?: string): Promise<void> {
    const run = this.current;
    if (!run || run.done || (actionId !== undefined && run.action.id !== actionId)) return;
    await this.completeRun(run);
  }

  /**
   * `action-next`: moves on now. Forced, it first stops what the call plays or collects
   * (and whatever is queued behind it); otherwise only a call between actions moves.
   */
  async actionNext(force: boolean): Promise<void> {
    if (this.ending) return;
    const run = this.current;
    if (run && !run.done) {
      if (!force) return;
      run.done = true;
      this.deps.metrics.actions.inc([run.action.type, 'interrupted']);
      this.deps.confbridges.left(this);
      await run.handler.onInterrupt?.(run).catch((error: unknown) => this.logger.warn({ err: error, call_id: this.call.id }, 'action not undone'));
      await this.breakMedia(true).catch(() => undefined);
    }
    if (!this.flowStarted) {
      await this.startFlow();
      return;
    }
    this.completedAt = performance.now();
    await this.next();
  }

  /** A delayed `action-timeout`: acts only if the run it names is still the one running. */
  async actionTimeout(actionId: string, tmExecute: string): Promise<boolean> {
    const run = this.current;
    if (!run || run.done || run.action.id !== actionId || run.tmExecute !== tmExecute || this.ending) return false;
    this.deps.metrics.actions.inc([run.action.type, 'timeout']);
    if (run.handler.onTimeout) {
      await run.handler.onTimeout(run);
    } else {
      await this.breakMedia(false).catch(() => undefined);
      await this.completeRun(run);
    }
    return true;
  }

  async breakMedia(all: boolean): Promise<void> {
    await this.link.api(`uuid_break ${this.call.channel_id}${all ? ' all' : ''}`);
  }

  async setVariables(variables: Record<string, string>): Promise<void> {
    if (this.call.activeflow_id === '') return;
    await this.deps.flows.call('setVariables', { params: { id: this.call.activeflow_id }, body: { variables } });
  }

  digits(take: boolean): string {
    const digits = this.collected;
    if (take) this.collected = '';
    return digits;
  }

  // ---- hanging up ----------------------------------------------------------------

  async requestHangup(reason: Exclude<HangupReason, ''>, options: { cause?: string; viaApp?: boolean } = {}): Promise<void> {
    if (this.over || this.released) return;
    if (this.call.status !== 'terminating' && this.call.status !== 'canceling') {
      this.requested = reason;
      this.setStatus(hangingUpStatus(this.call.direction, this.call.status));
    }
    const run = this.current;
    if (run && !run.done && !options.viaApp) run.done = true;
    const cause = options.cause ?? causeOfReason[reason];
    if (this.call.direction === 'outgoing' && !this.sawChannel) this.cancelPending = true;
    try {
      if (options.viaApp) await this.link.execute('hangup', cause, randomUUID());
      else await this.link.hangup(cause);
    } catch (error) {
      if (error instanceof EslCommandError && error.noSuchChannel) {
        // An outgoing leg not made yet is canceled when it shows up; any other channel is already gone.
        if (!this.cancelPending) await this.channelDown(cause);
        return;
      }
      this.logger.warn({ err: error, call_id: this.call.id }, 'hangup not sent');
    }
  }

  /**
   * The channel is down (CHANNEL_HANGUP, or found gone): the call is over. Its reason
   * comes from voipbin's table; its activeflow is stopped unless the flow itself
   * finished; the calls it dialled and its confbridge hear of it.
   */
  async channelDown(cause: string, event?: ChannelEvent, known?: { by: 'local' | 'remote'; reason: Exclude<HangupReason, ''> }): Promise<void> {
    if (this.over) return;
    if (event) absorb(this.leg, event);
    const outcome = known ?? hangupOutcome({ direction: this.call.direction, status: this.call.status, requested: this.requested, cause, answered: this.answered });
    const run = this.current;
    if (run && !run.done) {
      run.done = true;
      this.deps.metrics.actions.inc([run.action.type, 'interrupted']);
    }
    this.call.hangup_by = outcome.by;
    this.call.hangup_reason = outcome.reason;
    this.call.hangup_cause = cause;
    this.setStatus('hangup');
    const now = new Date().toISOString();
    this.leg.channel.state = 'hangup';
    this.leg.channel.hangup_cause = cause;
    this.leg.channel.tm_hangup = now;
    this.leg.channel.bridged_to = '';
    this.saveChannel();
    this.publishChannel('channel_destroy');
    this.deps.metrics.callsEnded.inc([this.call.direction, outcome.reason]);
    this.deps.confbridges.left(this);
    this.deps.confbridges.legEnded(this.call.id);
    for (const id of this.call.chained_call_ids) {
      const chained = this.deps.registry.get(id);
      if (chained && !chained.ending) chained.enqueue('master hung up', () => chained.requestHangup(chained.answered ? 'normal' : 'cancel'));
    }
    if (!this.flowFinished && this.call.activeflow_id !== '') {
      const id = this.call.activeflow_id;
      this.deps.flows.call('stopActiveflow', { params: { id } }).catch((error: unknown) => {
        if (!(error instanceof VoipError && error.status === 'NOT_FOUND')) this.logger.warn({ err: error, activeflow_id: id }, 'activeflow not stopped');
      });
    }
    this.goneTimer = setTimeout(() => this.enqueue('gone (grace over)', () => this.release()), GONE_GRACE_MS);
    this.goneTimer.unref();
    if (!this.sawChannel && this.link.kind === 'inbound') this.enqueue('never made', () => this.release());
  }

  /** The channel can no longer be heard from; the call leaves this replica. Call from the queue. */
  async release(): Promise<void> {
    if (this.released) return;
    if (!this.over) await this.channelDown('NORMAL_UNSPECIFIED');
    this.released = true;
    if (this.goneTimer) clearTimeout(this.goneTimer);
    this.deps.recordings.finishAll(this);
    this.link.release();
    this.save();
    this.deps.registry.remove(this);
    this.resolveGone();
  }

  // ---- the channel's events ---------------------------------------------------------

  onEvent(event: ChannelEvent): void {
    this.deps.metrics.eslEvents.inc([event.name]);
    this.queue.push(event.name, () => this.handle(event));
  }

  onGone(): void {
    this.queue.push('gone', () => this.release());
  }

  private async handle(event: ChannelEvent): Promise<void> {
    if (this.released) return;
    if (!this.sawChannel) {
      this.sawChannel = true;
      if (this.cancelPending && !this.over) await this.link.hangup('ORIGINATOR_CANCEL').catch(() => undefined);
    }
    switch (event.name) {
      case 'CHANNEL_EXECUTE_COMPLETE':
        return this.appCompleted(event);
      case 'CHANNEL_PROGRESS':
      case 'CHANNEL_PROGRESS_MEDIA':
        return this.progress(event);
      case 'CHANNEL_ANSWER':
        return this.answer(event);
      case 'CHANNEL_BRIDGE':
        absorb(this.leg, event);
        this.leg.channel.bridged_to = event.header('Bridge-B-Unique-ID') ?? event.header('Other-Leg-Unique-ID') ?? '';
        this.saveChannel();
        this.publishChannel('channel_bridge');
        return;
      case 'CHANNEL_UNBRIDGE':
        this.leg.channel.bridged_to = '';
        this.saveChannel();
        return;
      case 'DTMF':
        return this.dtmf(event);
      case 'RECORD_START':
        return this.deps.recordings.onRecordStart(this, event);
      case 'RECORD_STOP':
        return this.deps.recordings.onRecordStop(this, event);
      case 'CHANNEL_HANGUP':
        return this.channelDown(event.header('Hangup-Cause') ?? event.variable('hangup_cause') ?? 'NORMAL_CLEARING', event);
      case 'CHANNEL_DESTROY':
        return this.release();
      default:
        return;
    }
  }

  /** Listens for one application's completion, whatever action runs by then. */
  watchApp(appUuid: string, listener: (event: ChannelEvent) => Promise<void>): void {
    this.appWatchers.set(appUuid, listener);
  }

  unwatchApp(appUuid: string): void {
    this.appWatchers.delete(appUuid);
  }

  private async appCompleted(event: ChannelEvent): Promise<void> {
    const appUuid = event.header('Application-UUID');
    const watcher = appUuid === undefined ? undefined : this.appWatchers.get(appUuid);
    if (watcher) {
      this.appWatchers.delete(appUuid!);
      if (!this.ending) await watcher(event);
    }
    const run = this.current;
    if (!run || run.done || appUuid === undefined || !run.apps.delete(appUuid)) return;
    await run.handler.onAppComplete?.(run, event);
    if (!run.handler.manual && run.apps.size === 0 && run.active) await this.completeRun(run);
  }

  private async progress(event: ChannelEvent): Promise<void> {
    absorb(this.leg, event);
    if (this.leg.channel.state === 'ringing' && event.name === 'CHANNEL_PROGRESS_MEDIA') {
      this.leg.channel.state = 'early';
      this.saveChannel();
    }
    if (this.call.direction !== 'outgoing') return;
    this.setStatus('ringing');
    if (this.call.early_execution && !this.flowStarted) await this.startFlow();
  }

  private async answer(event: ChannelEvent): Promise<void> {
    absorb(this.leg, event);
    if (this.leg.channel.state === 'answered') return;
    this.leg.channel.state = 'answered';
    this.leg.channel.tm_answer = new Date().toISOString();
    this.saveChannel();
    this.publishChannel('channel_answer');
    this.setStatus('progressing');
    if (this.call.direction === 'outgoing' && !this.flowStarted) await this.startFlow();
  }

  /**
   * A digit: voipbin's rule is that a gather (digits_receive) adds to what it has,
   * and a digit pressed during anything else replaces what was there, so a key pressed
   * during a prompt carries over into the next gather.
   */
  private async dtmf(event: ChannelEvent): Promise<void> {
    const digit = event.header('DTMF-Digit');
    if (digit === undefined || digit === '') return;
    const duration = Math.round(Number(event.header('DTMF-Duration') ?? 0) / 8);
    this.publish('dtmf_received', { id: randomUUID(), account_id: this.call.account_id, call_id: this.call.id, digit, duration, tm_create: new Date().toISOString() }, true);
    this.deps.recordings.onDigit(this, digit);
    const run = this.current;
    const gathering = run !== undefined && !run.done && (run.action.type === 'digits_receive' || run.action.type === 'dtmf_receive');
    if (gathering) {
      this.collected += digit;
    } else {
      this.collected = digit;
      await this.setVariables({ [DIGITS_VARIABLE]: digit }).catch((error: unknown) => this.logger.warn({ err: error, call_id: this.call.id }, 'digit not stored'));
    }
    if (run && !run.done) await run.handler.onDigit?.(run, digit);
  }

  // ---- outgoing legs -------------------------------------------------------------------

  /** The result of the originate that made this leg: a failure before any channel event ends the call with its cause. */
  async originated(result: { ok: true } | { ok: false; cause: string }): Promise<void> {
    if (result.ok) {
      if (this.cancelPending && !this.over) await this.link.hangup('ORIGINATOR_CANCEL').catch(() => undefined);
      return;
    }
    if (this.over) return;
    await this.channelDown(result.cause);
    if (!this.sawChannel) await this.release();
  }

  /**
   * A call taken back after a restart, its channel still up. One being hung up is hung
   * up again. An inbound call lost its outbound socket with the restart, and FreeSWITCH
   * ends such a call once its current application ends: it is hung up cleanly now. One
   * not yet answered is given up. An answered leg call-manager dialled goes on with its
   * flow from the action after the one it was running (which the restart cut short).
   */
  async recover(): Promise<void> {
    this.flowStarted = true;
    this.sawChannel = true;
    if (this.call.status === 'terminating' || this.call.status === 'canceling') {
      this.requested = this.call.status === 'canceling' ? 'cancel' : 'normal';
      await this.link.hangup(causeOfReason[this.requested]).catch(() => undefined);
      return;
    }
    if (this.call.direction === 'incoming') {
      await this.requestHangup('failed', { cause: 'NORMAL_TEMPORARY_FAILURE' });
      return;
    }
    if (this.call.status !== 'progressing' || this.call.activeflow_id === '') {
      await this.requestHangup(this.call.status === 'progressing' ? 'normal' : this.call.direction === 'outgoing' ? 'cancel' : 'failed');
      return;
    }
    this.leg.channel.state = 'answered';
    await this.breakMedia(true).catch(() => undefined);
    this.completedAt = performance.now();
    await this.next();
  }

  /** The activeflow ended without the call (stopped over the API, deleted): the call hangs up. */
  async activeflowEnded(): Promise<void> {
    if (this.ending) return;
    this.flowFinished = true;
    await this.requestHangup('normal');
  }
}
