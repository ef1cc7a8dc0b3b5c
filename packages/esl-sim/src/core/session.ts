import { randomUUID } from 'node:crypto';
import { Channel, type ChannelInit } from '../channel/channel.js';
import { causeCode, causeToSipStatus, type HangupCause } from '../channel/hangup-causes.js';
import { hangupDisposition } from '../channel/disposition.js';
import type { ChannelState } from '../channel/states.js';
import type { Header } from '../protocol/event.js';
import { BreakFlags } from './break-flags.js';
import { CallProgress } from './call-progress.js';
import { setCdrVariables } from './cdr.js';
import type { Core } from './core.js';
import type { EventOrigin, FireOptions } from './event-bus.js';
import { expandVariables } from './expand.js';
import type { ChannelMessage } from './messages.js';
import { Recordings } from './recordings.js';
import { origin } from './session-part.js';
import { SessionSignals, type WaitOptions, type WaitResult } from './signals.js';
import { UnicastStreams } from './unicast.js';

export type { WaitOptions, WaitResult } from './signals.js';

/**
 * An ESL listener bound to this session (the outbound socket controlling it, or an
 * inbound one after `myevents <uuid>`). The session waits for it to end before it is
 * destroyed, which is what lets a lingering socket see CHANNEL_HANGUP_COMPLETE.
 */
export interface SessionWatcher {
  /** The channel is going down, before its CHANNEL_HANGUP (a listener not lingering leaves now). */
  hangingUp?(session: Session): void;
  channelDown(session: Session): void;
  readonly ended: Promise<void>;
}

export type HangupBy = 'local' | 'remote';

/**
 * A channel's behaviour, the simulator's stand-in for a FreeSWITCH session thread:
 * state changes and their events, the queue of sendmsg messages, running dialplan
 * applications one at a time, DTMF, media bugs, and the hangup sequence
 * (HANGUP → STATE CS_HANGUP → EXECUTE_COMPLETE → HANGUP_COMPLETE → DESTROY).
 */
export class Session {
  readonly channel: Channel;
  /** Resolves with the cause when the channel hangs up. */
  readonly hungUp: Promise<HangupCause>;
  /** Resolves after CHANNEL_DESTROY. */
  readonly destroyed: Promise<void>;
  /** How an answering machine detector hears this call; `faxPages`: a caller placed as a fax machine (it sends CNG), with its pages. */
  amd: 'human' | 'machine' = 'human';
  faxPages: number | undefined;

  private readonly signals: SessionSignals;
  private readonly recordings: Recordings;
  private readonly progress: CallProgress;
  private readonly queue: ChannelMessage[] = [];
  private readonly watchers = new Set<SessionWatcher>();
  private dialplan: Promise<void> = Promise.resolve();
  private controller: SessionWatcher | undefined;
  private controllerGone = false;
  /** How uuid_break reaches the running application (CF_BREAK, CF_BROADCAST). */
  readonly breaks = new BreakFlags();
  private readonly unicasts: UnicastStreams;
  private resolveHungUp!: (cause: HangupCause) => void;
  private resolveDestroyed!: () => void;

  constructor(
    readonly core: Core,
    init: ChannelInit,
  ) {
    this.channel = new Channel(init);
    this.signals = new SessionSignals(core.clock);
    this.recordings = new Recordings(this, core.clock);
    this.progress = new CallProgress(this, core.clock);
    this.unicasts = new UnicastStreams(this.channel, core);
    this.hungUp = new Promise((resolve) => (this.resolveHungUp = resolve));
    this.destroyed = new Promise((resolve) => (this.resolveDestroyed = resolve));
  }

  get uuid(): string {
    return this.channel.uuid;
  }

  get up(): boolean {
    return this.channel.up;
  }

  // ---- events and states -------------------------------------------------------

  /** Fires a channel event: the channel block, then the event's own headers. */
  fire(name: string, extra: readonly Header[] = [], options: { subclass?: string; body?: string; origin?: EventOrigin } = {}): void {
    this.channel.history.events.push(options.subclass === undefined ? name : `${name} ${options.subclass}`);
    const fireOptions: FireOptions = { keys: [this.channel.uuid] };
    if (options.subclass !== undefined) fireOptions.subclass = options.subclass;
    if (options.origin !== undefined) fireOptions.origin = options.origin;
    this.core.bus.fire(
      name,
      () => {
        const content: { headers: Header[]; body?: string } = { headers: [...this.channel.eventHeaders(name), ...extra] };
        if (options.body !== undefined) content.body = options.body;
        return content;
      },
      fireOptions,
    );
  }

  setState(state: ChannelState): void {
    if (this.channel.state === state) return;
    this.channel.state = state;
    this.fire('CHANNEL_STATE', [], { origin: origin('switch_core_state_machine.c', 'switch_core_session_run', 600) });
  }

  /** 180 Ringing: CHANNEL_PROGRESS and call state RINGING. */
  ring(): void {
    this.progress.ring();
  }

  /** 183 with media: CHANNEL_PROGRESS_MEDIA, answer state early. */
  preAnswer(): void {
    this.progress.preAnswer();
  }

  answer(): void {
    this.progress.answer();
  }

  /** Puts the call on hold (CHANNEL_HOLD, call state HELD) or takes it off (CHANNEL_UNHOLD). */
  hold(on: boolean): void {
    this.progress.hold(on);
  }

  get held(): boolean {
    return this.channel.callState === 'HELD';
  }

  // ---- hangup and teardown -----------------------------------------------------

  /**
   * Hangs the channel up. `by` says which side ended the call, which sets
   * sip_hangup_disposition (recv_bye, send_bye, recv_cancel, send_refuse, …) the way
   * mod_sofia does, so a controller can tell a caller's hangup from its own.
   */
  hangup(cause: HangupCause, by: HangupBy = 'local'): void {
    const ch = this.channel;
    if (!ch.up) return;
    ch.hangupCause = cause;
    ch.times.hangup = this.core.clock.nowMicros();
    ch.setVariable('hangup_cause', cause);
    ch.setVariable('hangup_cause_q850', String(causeCode(cause)));
    ch.setVariable('sip_hangup_disposition', hangupDisposition(ch.answered, ch.direction, by));
    if (ch.getVariable('sip_term_status') === undefined) ch.setVariable('sip_term_status', String(causeToSipStatus(cause, ch.answered)));
    const previous = ch.callState;
    ch.callState = 'HANGUP';
    ch.answerState = 'hangup';
    for (const watcher of this.watchers) watcher.hangingUp?.(this);
    this.fire('CHANNEL_HANGUP', [], { origin: origin('switch_channel.c', 'switch_channel_perform_hangup', 3495) });
    this.progress.fireCallState(previous);
    this.setState('CS_HANGUP');
    this.resolveHungUp(cause);
    this.signals.hungUp();
    void this.teardown();
  }

  private async teardown(): Promise<void> {
    // The running application ends first, so its EXECUTE_COMPLETE precedes HANGUP_COMPLETE.
    await this.dialplan;
    this.stopRecording('all');
    this.unicasts.deactivate();
    for (const watcher of this.watchers) watcher.channelDown(this);
    setCdrVariables(this.channel);
    this.setState('CS_REPORTING');
    this.fire('CHANNEL_HANGUP_COMPLETE', [], { origin: origin('switch_core_state_machine.c', 'switch_core_session_reporting_state', 855) });
    await Promise.all([...this.watchers].map((watcher) => watcher.ended));
    this.setState('CS_DESTROY');
    this.fire('CHANNEL_DESTROY', [], { origin: origin('switch_core_session.c', 'switch_core_session_perform_destroy', 1742) });
    this.core.sessionDestroyed(this);
    this.resolveDestroyed();
  }

  // ---- listeners bound to the session ------------------------------------------

  /** Binds a listener; the controlling one (the outbound socket) keeps the call parked. */
  attach(watcher: SessionWatcher, options: { controlling: boolean }): void {
    this.watchers.add(watcher);
    if (options.controlling) this.controller = watcher;
    void watcher.ended.then(() => this.detach(watcher));
    if (!this.up) queueMicrotask(() => watcher.channelDown(this));
  }

  private detach(watcher: SessionWatcher): void {
    this.watchers.delete(watcher);
    if (watcher === this.controller) {
      // The socket went away: park ends and, with the dialplan done, the call hangs up.
      this.controllerGone = true;
      this.signals.wake();
    }
  }

  get controlled(): boolean {
    return this.controller !== undefined && !this.controllerGone;
  }

  // ---- the dialplan and the message queue ---------------------------------------

  /** Runs the channel's dialplan; one that ends with the channel up hangs it up, unless a uuid_bridge holds the channel. */
  startDialplan(run: () => Promise<void>): void {
    this.dialplan = this.dialplan
      .then(run)
      .catch((error: unknown) => this.core.logger.error({ err: error, uuid: this.uuid }, 'dialplan failed'))
      .then(() => {
        if (this.up && !this.channel.bridgedTo) this.hangup('NORMAL_CLEARING');
      });
  }

  /** Queues a sendmsg. A hangup does not wait for the running application. */
  enqueue(message: ChannelMessage): void {
    if (message.kind === 'hangup') {
      this.hangup(message.cause);
      return;
    }
    this.queue.push(message);
    this.signals.wake();
  }

  /** Drops queued executes (`uuid_break all`). */
  flushQueue(): void {
    this.queue.length = 0;
  }

  /**
   * `switch_ivr_park`: CHANNEL_PARK, then queued messages run one after another until
   * the channel hangs up or its controlling socket goes. DTMF arriving while nothing
   * runs is read and dropped, as the park loop does.
   */
  async park(): Promise<void> {
    this.fire('CHANNEL_PARK', [], { origin: origin('switch_ivr.c', 'switch_ivr_park', 1066) });
    await this.serveMessages();
    this.fire('CHANNEL_UNPARK', [], { origin: origin('switch_ivr.c', 'switch_ivr_park', 1218) });
  }

  /** The message loop without CHANNEL_PARK: a bridged leg waiting for its bridge to end. */
  async serveMessages(): Promise<void> {
    while (this.up && !this.controllerGone) {
      const message = this.queue.shift();
      if (message) {
        await this.handle(message);
        continue;
      }
      await this.signals.idleUntilWake();
    }
  }

  /**
   * Waits for `done` while running the messages queued meanwhile inside the waiting
   * application, as FreeSWITCH's bridge and conference loops do (so a prompt or a
   * recording can start on a bridged call). With event-lock they wait instead.
   */
  async serveWhile<T>(done: Promise<T>, eventLock: boolean): Promise<T> {
    if (eventLock) return done;
    let settled = false;
    const settle = () => {
      settled = true;
      this.signals.wake();
    };
    void done.then(settle, settle);
    while (!settled && this.up) {
      const message = this.queue.shift();
      if (message) {
        await this.handle(message);
        continue;
      }
      await this.signals.nextWake();
    }
    return done;
  }

  /** Runs what is queued now inside the running application (`switch_ivr_parse_all_events`, as echo does each frame). */
  async serveQueued(): Promise<void> {
    for (let message = this.queue.shift(); message && this.up; message = this.queue.shift()) await this.handle(message);
  }

  /** `switch_ivr_parse_event`: one queued message (see BreakFlags for what an execute does to uuid_break). */
  private async handle(message: ChannelMessage): Promise<void> {
    switch (message.kind) {
      case 'execute':
        await this.breaks.queuedExecute(this.channel.bridgedTo !== undefined, async () => {
          for (let i = 0; (message.loops < 0 || i < message.loops) && this.up; i++) {
            await this.runApp(message.app, message.arg, { appUuid: message.appUuid, appUuidName: message.appUuidName, eventLock: message.eventLock });
          }
        });
        return;
      case 'unicast':
        this.unicasts.activate(message);
        return;
      case 'hangup':
      case 'ignored':
        return;
    }
  }

  /**
   * `switch_core_session_execute_application`: an unknown application hangs the
   * channel up with DESTINATION_OUT_OF_ORDER and fires no EXECUTE events.
   */
  async runApp(
    name: string,
    rawArg: string | undefined,
    options: { appUuid?: string | undefined; appUuidName?: string | undefined; eventLock?: boolean } = {},
  ): Promise<string | undefined> {
    const handler = this.core.app(name);
    if (!handler) {
      this.core.logger.warn({ uuid: this.uuid, app: name }, 'Invalid Application');
      this.hangup('DESTINATION_OUT_OF_ORDER');
      return undefined;
    }
    if (!this.up) return undefined;
    const ch = this.channel;
    const arg = rawArg === undefined ? undefined : expandVariables(rawArg, (v) => ch.getVariable(v));
    const appUuid = options.appUuid ?? randomUUID();
    const record = { name, arg: arg ?? '', response: null as string | null, application_uuid: appUuid };
    ch.history.applications.push(record);
    ch.setVariable('current_application', name);
    ch.setVariable('current_application_data', arg);
    ch.setVariable('current_application_response', undefined);
    const appHeaders: Header[] = [['Application', name]];
    if (arg !== undefined) appHeaders.push(['Application-Data', arg]);
    appHeaders.push(['Application-UUID', appUuid]);
    if (options.appUuidName !== undefined) appHeaders.push(['Application-UUID-Name', options.appUuidName]);
    this.fire('CHANNEL_EXECUTE', appHeaders, { origin: origin('switch_core_session.c', 'switch_core_session_exec', 2961) });
    this.breaks.applicationStarted();
    let response: string | undefined;
    try {
      response = (await handler({ session: this, core: this.core, eventLock: options.eventLock ?? false }, arg ?? '')) ?? undefined;
    } catch (error) {
      this.core.logger.error({ err: error, uuid: this.uuid, app: name }, 'application failed');
    }
    // The application ends with switch_core_session_reset, which ends a unicast stream; park and socket run the whole call.
    if (name !== 'park' && name !== 'socket') this.unicasts.deactivate();
    const final = response ?? ch.getVariable('current_application_response') ?? '_none_';
    record.response = final;
    this.fire('CHANNEL_EXECUTE_COMPLETE', [...appHeaders, ['Application-Response', final]], {
      origin: origin('switch_core_session.c', 'switch_core_session_exec', 3014),
    });
    return final;
  }

  // ---- media --------------------------------------------------------------------

  /** Waits `ms` simulated ms (Infinity: for ever); hangup ends it, so do uuid_break (CF_BREAK) when breakable and a digit when asked. */
  async wait(ms: number, options: WaitOptions = {}): Promise<WaitResult> {
    if (!this.up) return { outcome: 'hangup' };
    if (options.breakable && this.breaks.take()) return { outcome: 'break' };
    const result = await this.signals.wait(ms, options);
    if (result.outcome === 'break') this.breaks.take();
    return result;
  }

  /** uuid_break: the flags it sets (BreakFlags), and the breakable media playing now stops. */
  breakMedia(): void {
    this.breaks.request();
    this.signals.breakMedia();
  }

  /** A digit from the caller's phone: the DTMF event, then the channel's DTMF queue. */
  receiveDtmf(digit: string, durationMs = 250): void {
    if (!this.up) return;
    this.channel.history.dtmfReceived += digit;
    this.fire(
      'DTMF',
      [
        ['DTMF-Digit', digit],
        ['DTMF-Duration', String(Math.round(durationMs * 8))],
        ['DTMF-Source', 'RTP'],
      ],
      { origin: origin('switch_channel.c', 'switch_channel_dequeue_dtmf', 651) },
    );
    this.signals.digit(digit);
  }

  flushDtmf(): void {
    this.signals.flushDtmf();
  }

  /** Starts a recording media bug (record_session, uuid_record): RECORD_START. */
  startRecording(path: string, limitMs?: number): void {
    this.recordings.start(path, limitMs);
  }

  /** Stops one recording, or all with 'all': RECORD_STOP and record_ms / record_seconds. */
  stopRecording(path: string, completionCause?: string): boolean {
    return this.recordings.stop(path, completionCause);
  }

  setRecordVariables(ms: number): void {
    this.recordings.setVariables(ms);
  }

  isRecording(path: string): boolean {
    return this.recordings.has(path);
  }
}
