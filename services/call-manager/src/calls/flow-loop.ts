import type { RpcClient } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import type { flowManager } from '@voxmesh/contracts';
import type { ActionDeps, ActionHandler, ActionHandlers } from '../actions/types.js';
import { FINISH_ACTION_ID, actionOptionSchemas, isActionType, type ActionOf, type ActionType, type CallManagerRoutes, type WireAction } from '../contract.js';
import { mediaNotPlayed } from '../esl/commands.js';
import { EslCommandError } from '../esl/errors.js';
import type { ChannelEvent } from '../esl/event.js';
import type { CallMetrics } from '../metrics.js';
import { Run, type RunHost } from './action-run.js';
import type { CallState } from './call-state.js';
import type { ConfbridgeService } from './confbridges.js';
import type { LiveCall } from './live-call.js';
import { DIGITS_VARIABLE } from './variables.js';
import { BROKER_AWAY, retryWhilePassing, whileBrokerAway } from './broker-away.js';
import { nextActionOf } from './next-action.js';

export interface FlowLoopDeps {
  flows: RpcClient<flowManager.FlowManagerRoutes>;
  /** call-manager's own queue, for the delayed action timeouts. */
  self: RpcClient<CallManagerRoutes>;
  metrics: CallMetrics;
  logger: Logger;
  confbridges: ConfbridgeService;
  handlers: ActionHandlers;
  actionDeps: ActionDeps;
  /** `-next_hold_max_ms`: how long a call waits at an action boundary for the broker to come back. */
  nextHoldMaxMs?: number;
}

/**
 * A call's flow, voipbin's loop: ask flow-manager for the next action, run it on the
 * channel, and when it completes (every application it started sent its
 * CHANNEL_EXECUTE_COMPLETE, or its handler says so: a digit, a timeout, a confbridge
 * letting go) ask again; the finish marker hangs the call up. Runs on the call's queue.
 */
export class FlowLoop implements RunHost {
  private current: Run<ActionType> | undefined;
  private flowStarted = false;
  private flowFinished = false;
  private completedAt: number | undefined;
  private lastExecuteMs = 0;
  /** DTMF collected and not yet consumed by a gather. */
  private collected = '';
  private readonly appWatchers = new Map<string, (event: ChannelEvent) => Promise<void>>();
  /** The applications of a run cut short that must end before the next action starts. */
  private draining = new Set<string>();

  constructor(
    private readonly deps: FlowLoopDeps,
    private readonly state: CallState,
    readonly live: LiveCall,
  ) {}

  get actionDeps(): ActionDeps {
    return this.deps.actionDeps;
  }

  get started(): boolean {
    return this.flowStarted;
  }

  /** The flow itself ended (its finish, or its activeflow is gone): nothing is left to stop. */
  get finished(): boolean {
    return this.flowFinished;
  }

  isCurrent(run: Run<ActionType>): boolean {
    return this.current === run;
  }

  /** Starts the flow (an inbound call once routed, an outgoing one once answered). */
  async start(): Promise<void> {
    if (this.flowStarted || this.state.ending) return;
    this.flowStarted = true;
    this.completedAt = performance.now();
    await this.next();
  }

  /** A call taken back after a restart goes on from the action after the one the restart cut short. */
  async resume(): Promise<void> {
    this.flowStarted = true;
    this.completedAt = performance.now();
    await this.next();
  }

  /** A flow that will not run (a call taken back only to be hung up) must not be started later. */
  markStarted(): void {
    this.flowStarted = true;
  }

  /** The activeflow ended without the call (stopped over the API, deleted): the call hangs up, the activeflow is left alone. */
  async activeflowEnded(): Promise<void> {
    if (this.state.ending) return;
    this.flowFinished = true;
    await this.live.requestHangup('normal');
  }

  /** The call is hanging up: the running action is over, uncounted (its hangup counts it). */
  stop(): void {
    if (this.current && !this.current.done) this.current.done = true;
  }

  /** The channel is down under the running action: it counts as interrupted. */
  interrupt(): void {
    const run = this.current;
    if (!run || run.done) return;
    run.done = true;
    this.deps.metrics.actions.inc([run.action.type, 'interrupted']);
  }

  /** Asks flow-manager for the action after the current one and runs it. */
  private async next(): Promise<void> {
    const { call } = this.state;
    if (this.state.ending || call.activeflow_id === '') {
      if (!this.state.ending) await this.live.requestHangup('normal');
      return;
    }
    const currentId = call.action?.id;
    let action: WireAction;
    try {
      action = await nextActionOf(this.deps, call, currentId, () => this.state.ending);
    } catch (thrown) {
      if (this.state.ending) return;
      const error = VoipError.from(thrown);
      this.deps.logger.error({ err: thrown, call_id: call.id, activeflow_id: call.activeflow_id }, 'could not get the next action; hanging up');
      this.state.recordError(currentId ?? '', call.action?.type ?? '', 'NEXT_FAILED', error.message);
      this.flowFinished = error.status === 'NOT_FOUND';
      await this.live.requestHangup(error.status === 'NOT_FOUND' ? 'normal' : 'failed');
      return;
    }
    if (this.state.ending) return;
    if (action.id === FINISH_ACTION_ID || action.type === 'finish') {
      this.flowFinished = true;
      await this.live.requestHangup('normal');
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
    this.state.update((call) => {
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
    if (this.state.ending) return;
    await this.next();
  }

  async refuseRun(run: Run<ActionType>, reason: string, message: string): Promise<void> {
    if (run.done || this.current !== run) return;
    this.deps.logger.info({ call_id: this.state.call.id, action_id: run.action.id, action_type: run.action.type, reason }, message);
    this.state.update(() => this.state.recordError(run.action.id, run.action.type, reason, message));
    await this.completeRun(run, 'refused');
  }

  recordRunError(run: Run<ActionType>, reason: string, message: string): void {
    if (this.state.ending) return;
    this.deps.logger.info({ call_id: this.state.call.id, action_id: run.action.id, action_type: run.action.type, reason }, message);
    this.state.update(() => this.state.recordError(run.action.id, run.action.type, reason, message));
  }

  private async refuseAction(action: WireAction, reason: string, message: string): Promise<void> {
    this.deps.logger.info({ call_id: this.state.call.id, action_id: action.id, action_type: action.type, reason }, message);
    this.deps.metrics.actions.inc([isActionType(action.type) ? action.type : 'unknown', 'refused']);
    this.state.update(() => this.state.recordError(action.id, action.type, reason, message));
    this.completedAt = performance.now();
    await this.next();
  }

  private async runFailed(run: Run<ActionType>, error: unknown): Promise<void> {
    if (this.state.ending || run.done) return;
    if (error instanceof EslCommandError && error.noSuchChannel) {
      // The channel went away under the action; its hangup event ends the call.
      run.done = true;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.deps.logger.warn({ err: error, call_id: this.state.call.id, action_type: run.action.type }, 'action failed; going on with the flow');
    this.state.update(() => this.state.recordError(run.action.id, run.action.type, 'ACTION_FAILED', message));
    await this.completeRun(run, 'failed');
  }

  /** Ends the current action if it is `actionId` (or any, when left out) and asks for the next. */
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
    if (this.state.ending) return;
    const run = this.current;
    if (run && !run.done) {
      if (!force) return;
      run.done = true;
      this.deps.metrics.actions.inc([run.action.type, 'interrupted']);
      this.deps.confbridges.left(this.live);
      await run.handler.onInterrupt?.(run).catch((error: unknown) => this.deps.logger.warn({ err: error, call_id: this.state.call.id }, 'action not undone'));
      await this.live.breakMedia(true).catch(() => undefined);
      if (run.handler.drainBeforeNext && run.apps.size > 0) {
        // The next action is asked for once these applications have ended (appCompleted).
        this.draining = new Set(run.apps);
        return;
      }
    }
    if (!this.flowStarted) {
      await this.start();
      return;
    }
    // Asked again while an interrupted echo ends: it goes on now.
    this.draining.clear();
    this.completedAt = performance.now();
    await this.next();
  }

  /** A delayed `action-timeout`: acts only if the run it names is still the one running. */
  async actionTimeout(actionId: string, tmExecute: string): Promise<boolean> {
    const run = this.current;
    if (!run || run.done || run.action.id !== actionId || run.tmExecute !== tmExecute || this.state.ending) return false;
    this.deps.metrics.actions.inc([run.action.type, 'timeout']);
    if (run.handler.onTimeout) {
      await run.handler.onTimeout(run);
    } else {
      await this.live.breakMedia(false).catch(() => undefined);
      await this.completeRun(run);
    }
    return true;
  }

  async timeoutAfter(run: Run<ActionType>, ms: number): Promise<void> {
    // A timer lost to a broker restart would leave a gather waiting for ever, or skipped; a duplicate finds its run over.
    await retryWhilePassing(() => this.state.ending, () => this.deps.self.callLater(
      'actionTimeout',
      { params: { id: this.state.call.id }, body: { action_id: run.action.id, action_type: run.action.type, tm_execute: run.tmExecute } },
      ms,
    ));
  }

  async setVariables(variables: Record<string, string>): Promise<void> {
    if (this.state.call.activeflow_id === '') return;
    // Setting the same values again is harmless, and a caller's digits must outlast a replica's restart.
    await retryWhilePassing(() => this.state.ending, () => whileBrokerAway(BROKER_AWAY, this.deps.nextHoldMaxMs ?? 0, () => this.state.ending, () => this.deps.flows.call('setVariables', { params: { id: this.state.call.activeflow_id }, body: { variables } })));
  }

  digits(take: boolean): string {
    const digits = this.collected;
    if (take) this.collected = '';
    return digits;
  }

  /**
   * A digit: voipbin's rule is that a gather (digits_receive) adds to what it has,
   * and a digit pressed during anything else replaces what was there, so a key pressed
   * during a prompt carries over into the next gather.
   */
  async digit(digit: string): Promise<void> {
    const run = this.current;
    const gathering = run !== undefined && !run.done && (run.action.type === 'digits_receive' || run.action.type === 'dtmf_receive');
    if (gathering) {
      this.collected += digit;
    } else {
      this.collected = digit;
      await this.setVariables({ [DIGITS_VARIABLE]: digit }).catch((error: unknown) => this.deps.logger.warn({ err: error, call_id: this.state.call.id }, 'digit not stored'));
    }
    if (run && !run.done) await run.handler.onDigit?.(run, digit);
  }

  /** A tone the media server detected goes to the running action (fax_detect). */
  async tone(event: ChannelEvent): Promise<void> {
    const run = this.current;
    if (run && !run.done) await run.handler.onTone?.(run, event);
  }

  /** Media no action waits for (a live talk or play, a uuid_broadcast) that did not play is recorded too. */
  private unwatchedMediaCompleted(event: ChannelEvent): void {
    const response = event.header('Application-Response');
    if (this.state.ending || !mediaNotPlayed(response)) return;
    const app = event.header('Application') ?? '';
    const message = `${app} ${event.header('Application-Data') ?? ''}: ${response}`;
    this.deps.logger.info({ call_id: this.state.call.id, reason: 'MEDIA_NOT_PLAYED' }, message);
    this.state.update(() => this.state.recordError('', app === 'speak' ? 'talk' : 'play', 'MEDIA_NOT_PLAYED', message));
  }

  watchApp(appUuid: string, listener: (event: ChannelEvent) => Promise<void>): void {
    this.appWatchers.set(appUuid, listener);
  }

  unwatchApp(appUuid: string): void {
    this.appWatchers.delete(appUuid);
  }

  /** An application's CHANNEL_EXECUTE_COMPLETE: its watcher hears it, and the run waiting for it may be done. */
  async appCompleted(event: ChannelEvent): Promise<void> {
    const appUuid = event.header('Application-UUID');
    const watcher = appUuid === undefined ? undefined : this.appWatchers.get(appUuid);
    if (watcher) {
      this.appWatchers.delete(appUuid!);
      if (!this.state.ending) await watcher(event);
    } else if (appUuid === undefined || !this.current?.apps.has(appUuid)) {
      this.unwatchedMediaCompleted(event);
    }
    if (appUuid !== undefined && this.draining.delete(appUuid) && this.draining.size === 0) {
      this.completedAt = performance.now();
      if (!this.state.ending) await this.next();
      return;
    }
    const run = this.current;
    if (!run || run.done || appUuid === undefined || !run.apps.delete(appUuid)) return;
    await run.handler.onAppComplete?.(run, event);
    if (!run.handler.manual && run.apps.size === 0 && run.active) await this.completeRun(run);
  }
}
