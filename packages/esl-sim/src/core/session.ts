import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Channel, type ChannelInit } from '../channel/channel.js';
import { causeCode, causeToSipStatus, type HangupCause } from '../channel/hangup-causes.js';
import type { CallState, ChannelState } from '../channel/states.js';
import type { Header } from '../protocol/event.js';
import type { Core } from './core.js';
import { localStamp } from './dates.js';
import type { EventOrigin, FireOptions } from './event-bus.js';
import { expandVariables } from './expand.js';
import type { ChannelMessage } from './messages.js';

export type WaitResult = { outcome: 'timeout' } | { outcome: 'hangup' } | { outcome: 'break' } | { outcome: 'digit'; digit: string };

export interface WaitOptions {
  /** uuid_break ends the wait. */
  breakable?: boolean;
  /** A DTMF digit ends the wait; the digit is taken from the channel and returned. */
  digits?: boolean;
}

/**
 * An ESL listener bound to this session (the outbound socket controlling it, or an
 * inbound one after `myevents <uuid>`). The session waits for it to end before it is
 * destroyed, which is what lets a lingering socket see CHANNEL_HANGUP_COMPLETE.
 */
export interface SessionWatcher {
  channelDown(session: Session): void;
  readonly ended: Promise<void>;
}

export type HangupBy = 'local' | 'remote';

const CALL_STATE_NUMBERS: Record<CallState, number> = { DOWN: 0, DIALING: 1, RINGING: 2, EARLY: 3, ACTIVE: 4, HELD: 5, RING_WAIT: 6, HANGUP: 7, UNHELD: 8 };

const origin = (file: string, func: string, line: number): EventOrigin => ({ file, func, line });

interface ActiveRecording {
  startedMicros: number;
  cancelLimit: (() => void) | undefined;
  index: number;
}

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
  /** How an answering machine detector hears this call. */
  amd: 'human' | 'machine' = 'human';

  private readonly signals = new EventEmitter();
  private readonly queue: ChannelMessage[] = [];
  private readonly dtmf: string[] = [];
  private readonly watchers = new Set<SessionWatcher>();
  private readonly recordings = new Map<string, ActiveRecording>();
  private dialplan: Promise<void> = Promise.resolve();
  private controller: SessionWatcher | undefined;
  private controllerGone = false;
  private idle = false;
  private resolveHungUp!: (cause: HangupCause) => void;
  private resolveDestroyed!: () => void;

  constructor(
    readonly core: Core,
    init: ChannelInit,
  ) {
    this.channel = new Channel(init);
    this.signals.setMaxListeners(0);
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

  private setCallState(callState: CallState): void {
    const previous = this.channel.callState;
    if (previous === callState) return;
    this.channel.callState = callState;
    this.fireCallState(previous);
  }

  private fireCallState(previous: CallState): void {
    this.fire(
      'CHANNEL_CALLSTATE',
      [
        ['Original-Channel-Call-State', previous],
        ['Channel-Call-State-Number', String(CALL_STATE_NUMBERS[this.channel.callState])],
      ],
      { origin: origin('switch_channel.c', 'switch_channel_perform_set_callstate', 315) },
    );
  }

  /** 180 Ringing: CHANNEL_PROGRESS and call state RINGING. */
  ring(): void {
    const ch = this.channel;
    if (!ch.up || ch.answered || ch.times.progress !== 0) return;
    ch.times.progress = this.core.clock.nowMicros();
    this.fire('CHANNEL_PROGRESS', [], { origin: origin('switch_channel.c', 'switch_channel_perform_mark_ring_ready_value', 3730) });
    this.setCallState('RINGING');
  }

  /** 183 with media: CHANNEL_PROGRESS_MEDIA, answer state early. */
  preAnswer(): void {
    const ch = this.channel;
    if (!ch.up || ch.answered || ch.times.progressMedia !== 0) return;
    const now = this.core.clock.nowMicros();
    if (ch.times.progress === 0) ch.times.progress = now;
    ch.times.progressMedia = now;
    ch.answerState = 'early';
    this.fire('CHANNEL_PROGRESS_MEDIA', [], { origin: origin('switch_channel.c', 'switch_channel_perform_mark_pre_answered', 3806) });
    this.setCallState('EARLY');
  }

  answer(): void {
    const ch = this.channel;
    if (!ch.up || ch.answered) return;
    const now = this.core.clock.nowMicros();
    if (ch.times.progress === 0) ch.times.progress = now;
    if (ch.times.progressMedia === 0) ch.times.progressMedia = now;
    ch.times.answered = now;
    ch.answerState = 'answered';
    ch.setVariable('endpoint_disposition', 'ANSWER');
    this.fire('CHANNEL_ANSWER', [], { origin: origin('switch_channel.c', 'switch_channel_perform_mark_answered', 3993) });
    this.setCallState('ACTIVE');
  }

  /** Puts the call on hold (CHANNEL_HOLD, call state HELD) or takes it off (CHANNEL_UNHOLD). */
  hold(on: boolean): void {
    const ch = this.channel;
    if (!ch.up || on === (ch.callState === 'HELD')) return;
    const now = this.core.clock.nowMicros();
    if (on) {
      ch.times.lastHold = now;
      this.fire('CHANNEL_HOLD', [], { origin: origin('switch_channel.c', 'switch_channel_perform_mark_hold', 1212) });
      this.setCallState('HELD');
    } else {
      ch.times.holdAccum += now - ch.times.lastHold;
      this.fire('CHANNEL_UNHOLD', [], { origin: origin('switch_channel.c', 'switch_channel_perform_mark_hold', 1227) });
      this.setCallState(ch.answered ? 'ACTIVE' : 'EARLY');
    }
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
    ch.setVariable('sip_hangup_disposition', this.disposition(by));
    if (ch.getVariable('sip_term_status') === undefined) ch.setVariable('sip_term_status', String(causeToSipStatus(cause, ch.answered)));
    const previous = ch.callState;
    ch.callState = 'HANGUP';
    ch.answerState = 'hangup';
    this.fire('CHANNEL_HANGUP', [], { origin: origin('switch_channel.c', 'switch_channel_perform_hangup', 3495) });
    this.fireCallState(previous);
    this.setState('CS_HANGUP');
    this.resolveHungUp(cause);
    this.signals.emit('hangup');
    this.signals.emit('wake');
    void this.teardown();
  }

  private disposition(by: HangupBy): string {
    const { answered, direction } = this.channel;
    if (answered) return by === 'remote' ? 'recv_bye' : 'send_bye';
    if (by === 'remote') return direction === 'inbound' ? 'recv_cancel' : 'recv_refuse';
    return direction === 'inbound' ? 'send_refuse' : 'send_cancel';
  }

  private async teardown(): Promise<void> {
    // The running application ends first, so its EXECUTE_COMPLETE precedes HANGUP_COMPLETE.
    await this.dialplan;
    this.stopRecording('all');
    for (const watcher of this.watchers) watcher.channelDown(this);
    this.setFinalVariables();
    this.setState('CS_REPORTING');
    this.fire('CHANNEL_HANGUP_COMPLETE', [], { origin: origin('switch_core_state_machine.c', 'switch_core_session_reporting_state', 855) });
    await Promise.all([...this.watchers].map((watcher) => watcher.ended));
    this.setState('CS_DESTROY');
    this.fire('CHANNEL_DESTROY', [], { origin: origin('switch_core_session.c', 'switch_core_session_perform_destroy', 1742) });
    this.core.sessionDestroyed(this);
    this.resolveDestroyed();
  }

  /** The CDR variables FreeSWITCH sets in CS_REPORTING. */
  private setFinalVariables(): void {
    const ch = this.channel;
    const t = ch.times;
    const end = t.hangup;
    const set = (name: string, value: number | string) => ch.setVariable(name, String(value));
    const secs = (us: number) => Math.floor(us / 1_000_000);
    const msecs = (us: number) => Math.floor(us / 1000);
    const since = (from: number) => (from ? end - from : 0);
    set('start_stamp', stamp(t.created));
    set('start_epoch', secs(t.created));
    set('start_uepoch', t.created);
    set('end_stamp', stamp(end));
    set('end_epoch', secs(end));
    set('end_uepoch', end);
    if (t.answered) {
      set('answer_stamp', stamp(t.answered));
      set('answer_epoch', secs(t.answered));
      set('answer_uepoch', t.answered);
    } else {
      set('answer_epoch', 0);
      set('answer_uepoch', 0);
    }
    set('duration', secs(end - t.created));
    set('mduration', msecs(end - t.created));
    set('uduration', end - t.created);
    set('billsec', secs(since(t.answered)));
    set('billmsec', msecs(since(t.answered)));
    set('billusec', since(t.answered));
    set('progresssec', t.progress ? secs(t.progress - t.created) : 0);
    set('progressmsec', t.progress ? msecs(t.progress - t.created) : 0);
    set('answersec', t.answered ? secs(t.answered - t.created) : 0);
    set('answermsec', t.answered ? msecs(t.answered - t.created) : 0);
    set('waitsec', t.answered ? secs(t.answered - t.created) : 0);
    set('waitmsec', t.answered ? msecs(t.answered - t.created) : 0);
    const last = ch.history.applications.at(-1);
    if (last) {
      set('last_app', last.name);
      if (last.arg !== '') set('last_arg', last.arg);
    }
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
      this.signals.emit('wake');
    }
  }

  get controlled(): boolean {
    return this.controller !== undefined && !this.controllerGone;
  }

  // ---- the dialplan and the message queue ---------------------------------------

  /** Runs the channel's dialplan; a dialplan that ends with the channel up hangs it up. */
  startDialplan(run: () => Promise<void>): void {
    this.dialplan = this.dialplan
      .then(run)
      .catch((error: unknown) => this.core.logger.error({ err: error, uuid: this.uuid }, 'dialplan failed'))
      .then(() => {
        if (this.up) this.hangup('NORMAL_CLEARING');
      });
  }

  /** Queues a sendmsg. A hangup does not wait for the running application. */
  enqueue(message: ChannelMessage): void {
    if (message.kind === 'hangup') {
      this.hangup(message.cause);
      return;
    }
    this.queue.push(message);
    this.signals.emit('wake');
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
      this.idle = true;
      this.dtmf.length = 0;
      await new Promise<void>((resolve) => this.signals.once('wake', resolve));
      this.idle = false;
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
      this.signals.emit('wake');
    };
    void done.then(settle, settle);
    while (!settled && this.up) {
      const message = this.queue.shift();
      if (message) {
        await this.handle(message);
        continue;
      }
      await new Promise<void>((resolve) => this.signals.once('wake', resolve));
    }
    return done;
  }

  private async handle(message: ChannelMessage): Promise<void> {
    switch (message.kind) {
      case 'execute':
        for (let i = 0; (message.loops < 0 || i < message.loops) && this.up; i++) {
          await this.runApp(message.app, message.arg, { appUuid: message.appUuid, appUuidName: message.appUuidName, eventLock: message.eventLock });
        }
        return;
      case 'unicast':
        this.channel.history.apis.push({ command: 'unicast', arg: `${message.local} ${message.remote} ${message.transport}`, reply: '+OK' });
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
    let response: string | undefined;
    try {
      response = (await handler({ session: this, core: this.core, eventLock: options.eventLock ?? false }, arg ?? '')) ?? undefined;
    } catch (error) {
      this.core.logger.error({ err: error, uuid: this.uuid, app: name }, 'application failed');
    }
    const final = response ?? ch.getVariable('current_application_response') ?? '_none_';
    record.response = final;
    this.fire('CHANNEL_EXECUTE_COMPLETE', [...appHeaders, ['Application-Response', final]], {
      origin: origin('switch_core_session.c', 'switch_core_session_exec', 3014),
    });
    return final;
  }

  // ---- media --------------------------------------------------------------------

  /**
   * Waits `ms` simulated milliseconds (Infinity for ever), ending early on hangup,
   * on uuid_break when breakable, and on a DTMF digit when asked for digits.
   */
  wait(ms: number, options: WaitOptions = {}): Promise<WaitResult> {
    if (!this.up) return Promise.resolve({ outcome: 'hangup' });
    if (options.digits) {
      const queued = this.dtmf.shift();
      if (queued !== undefined) return Promise.resolve({ outcome: 'digit', digit: queued });
    }
    return new Promise((resolve) => {
      const cleanups: (() => void)[] = [];
      const finish = (result: WaitResult) => {
        for (const cleanup of cleanups) cleanup();
        resolve(result);
      };
      const on = (signal: string, handler: () => void) => {
        this.signals.on(signal, handler);
        cleanups.push(() => this.signals.off(signal, handler));
      };
      if (Number.isFinite(ms)) cleanups.push(this.core.clock.schedule(ms, () => finish({ outcome: 'timeout' })));
      on('hangup', () => finish({ outcome: 'hangup' }));
      if (options.breakable) on('break', () => finish({ outcome: 'break' }));
      if (options.digits) {
        on('dtmf', () => {
          const digit = this.dtmf.shift();
          if (digit !== undefined) finish({ outcome: 'digit', digit });
        });
      }
    });
  }

  /** uuid_break: the current breakable media stops. */
  breakMedia(): void {
    this.signals.emit('break');
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
    if (this.idle) return;
    this.dtmf.push(digit);
    this.signals.emit('dtmf');
  }

  flushDtmf(): void {
    this.dtmf.length = 0;
  }

  /** Starts a recording media bug (record_session, uuid_record): RECORD_START. */
  startRecording(path: string, limitMs?: number): void {
    if (!this.up || this.recordings.has(path)) return;
    const index = this.channel.history.recordings.push({ path, started_at: new Date(this.core.clock.now()).toISOString(), stopped_at: null, ms: null }) - 1;
    const cancelLimit = limitMs !== undefined && limitMs > 0 ? this.core.clock.schedule(limitMs, () => this.stopRecording(path)) : undefined;
    this.recordings.set(path, { startedMicros: this.core.clock.nowMicros(), cancelLimit, index });
    this.fire('RECORD_START', [['Record-File-Path', path]], { origin: origin('switch_ivr_async.c', 'record_callback', 1259) });
  }

  /** Stops one recording, or all with 'all': RECORD_STOP and record_ms / record_seconds. */
  stopRecording(path: string, completionCause?: string): boolean {
    const paths = path === 'all' ? [...this.recordings.keys()] : this.recordings.has(path) ? [path] : [];
    for (const p of paths) {
      const active = this.recordings.get(p)!;
      this.recordings.delete(p);
      active.cancelLimit?.();
      const ms = Math.floor((this.core.clock.nowMicros() - active.startedMicros) / 1000);
      this.setRecordVariables(ms);
      const entry = this.channel.history.recordings[active.index];
      if (entry) {
        entry.stopped_at = new Date(this.core.clock.now()).toISOString();
        entry.ms = ms;
      }
      const headers: Header[] = [['Record-File-Path', p]];
      if (completionCause !== undefined) headers.push(['Record-Completion-Cause', completionCause]);
      this.fire('RECORD_STOP', headers, { origin: origin('switch_ivr_async.c', 'record_callback', 1380) });
    }
    return paths.length > 0;
  }

  setRecordVariables(ms: number): void {
    this.channel.setVariable('record_ms', String(ms));
    this.channel.setVariable('record_seconds', String(Math.floor(ms / 1000)));
    this.channel.setVariable('record_samples', String(ms * 8));
  }

  isRecording(path: string): boolean {
    return this.recordings.has(path);
  }
}

const stamp = (micros: number) => localStamp(Math.floor(micros / 1000));
