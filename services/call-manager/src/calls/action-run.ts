import { randomUUID } from 'node:crypto';
import type { ActionDeps, ActionHandler, ActionRun } from '../actions/types.js';
import type { ActionOf, ActionType, HangupReason } from '../contract.js';
import { oneLine } from '../esl/commands.js';
import type { ChannelEvent } from '../esl/event.js';
import type { OptionalModule } from '../esl/modules.js';
import type { LiveCall } from './live-call.js';

/** What a run asks of the flow that started it. */
export interface RunHost {
  readonly live: LiveCall;
  readonly actionDeps: ActionDeps;
  /** Is `run` the call's current action? */
  isCurrent(run: Run<ActionType>): boolean;
  /** Listens for one application's completion, whatever action runs by then. */
  watchApp(appUuid: string, listener: (event: ChannelEvent) => Promise<void>): void;
  unwatchApp(appUuid: string): void;
  completeRun(run: Run<ActionType>): Promise<void>;
  refuseRun(run: Run<ActionType>, reason: string, message: string): Promise<void>;
  /** Records an error of `run` on the call without ending it. */
  recordRunError(run: Run<ActionType>, reason: string, message: string): void;
  /** Sends call-manager a delayed `action-timeout` naming `run`. */
  timeoutAfter(run: Run<ActionType>, ms: number): Promise<void>;
  setVariables(variables: Record<string, string>): Promise<void>;
  digits(take: boolean): string;
}

/** One run of one action: the handle a handler gets (ActionRun). */
export class Run<T extends ActionType> implements ActionRun<T> {
  /** The applications the action waits for, by Event-UUID. */
  readonly apps = new Set<string>();
  readonly state: Record<string, unknown> = {};
  readonly startedAt = performance.now();
  done = false;

  constructor(
    private readonly host: RunHost,
    readonly handler: ActionHandler<T>,
    readonly action: ActionOf<T>,
    readonly tmExecute: string,
  ) {}

  get live(): LiveCall {
    return this.host.live;
  }

  get deps(): ActionDeps {
    return this.host.actionDeps;
  }

  get active(): boolean {
    return !this.done && this.host.isCurrent(this) && !this.host.live.ending;
  }

  async execute(app: string, arg = '', options: { wait?: boolean; onComplete?: (event: ChannelEvent) => Promise<void> } = {}): Promise<string> {
    const appUuid = randomUUID();
    const wait = options.wait !== false;
    if (wait) this.apps.add(appUuid);
    if (options.onComplete) this.host.watchApp(appUuid, options.onComplete);
    try {
      await this.host.live.link.execute(app, oneLine(arg), appUuid);
    } catch (error) {
      this.apps.delete(appUuid);
      this.host.unwatchApp(appUuid);
      throw error;
    }
    return appUuid;
  }

  api(command: string): Promise<string> {
    return this.host.live.link.api(command);
  }

  complete(): Promise<void> {
    return this.host.completeRun(this);
  }

  refuse(reason: string, message: string): Promise<void> {
    return this.host.refuseRun(this, reason, message);
  }

  recordError(reason: string, message: string): void {
    this.host.recordRunError(this, reason, message);
  }

  hasModule(module: OptionalModule): boolean | undefined {
    return this.host.actionDeps.modules.loaded(this.host.live.call.media_server, module);
  }

  hangup(reason: Exclude<HangupReason, ''>, options: { cause?: string } = {}): Promise<void> {
    return this.host.live.requestHangup(reason, { ...options, viaApp: true });
  }

  timeoutAfter(ms: number): Promise<void> {
    return this.host.timeoutAfter(this, ms);
  }

  setVariables(variables: Record<string, string>): Promise<void> {
    return this.host.setVariables(variables);
  }

  digits(take = false): string {
    return this.host.digits(take);
  }
}
