import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Logger } from '@voxmesh/telemetry';
import type { Core } from '../core/core.js';
import type { EventSink, FireOptions } from '../core/event-bus.js';
import { parseSendmsg } from '../core/messages.js';
import type { Session, SessionWatcher } from '../core/session.js';
import { CommandReader, headerOf, type EslCommand } from '../protocol/command-reader.js';
import { serializePlain, type EslEvent, type Header } from '../protocol/event.js';
import { eventNameOf } from '../protocol/event-names.js';
import { AUTH_REQUEST, GOODBYE, apiResponse, commandReply, disconnectNotice, eventFrame, lingerNotice } from '../protocol/frames.js';
import { authenticate } from './auth.js';
import { Subscription } from './subscription.js';

export interface EslConnectionOptions {
  socket: Socket;
  core: Core;
  logger: Logger;
  /** inbound: a client connected to the switch; outbound: the switch connected to an application. */
  mode: 'inbound' | 'outbound';
  password?: string;
  /** Outbound: the session the socket controls. */
  session?: Session;
  /** Outbound `socket … async full` flags. */
  async?: boolean;
  full?: boolean;
  /** How long an outbound socket may take to send its first command, in real ms. */
  firstCommandTimeoutMs?: number;
}

const LOG_LEVELS: Record<string, number> = { console: 0, alert: 1, crit: 2, err: 3, error: 3, warning: 4, notice: 5, info: 6, debug: 7 };

/** mod_event_socket queues at most this many events per listener, and kills one that lost 500. */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;
const MAX_LOST_EVENTS = 500;

/**
 * One event-socket listener, in either mode, speaking as `mod_event_socket.c` does:
 * commands run one at a time in arrival order (so `api` blocks the socket until the
 * command finishes, and the events fired meanwhile follow its reply), replies are
 * worded as FreeSWITCH words them, and events pass the subscription, the filters and
 * `myevents` before they are written.
 */
export class EslConnection implements EventSink, SessionWatcher {
  /** Resolves when the listener has ended and its socket is closed. */
  readonly ended: Promise<void>;
  /** Outbound: true once `connect` arrived, false if the listener ended first. */
  readonly connected: Promise<boolean>;

  private readonly socket: Socket;
  private readonly core: Core;
  private readonly logger: Logger;
  private readonly mode: 'inbound' | 'outbound';
  private readonly password: string;
  private readonly async: boolean;
  private readonly full: boolean;
  private readonly reader = new CommandReader();
  private session: Session | undefined;
  private authed: boolean;
  private running = true;
  private readonly subscription = new Subscription();
  private linger: number | undefined;
  private logging = false;
  private busy = 0;
  private held: string[] = [];
  private lostEvents = 0;
  private corked = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly cleanups: (() => void)[] = [];
  private firstCommandTimer: NodeJS.Timeout | undefined;
  private resolveEnded!: () => void;
  private resolveConnected!: (connected: boolean) => void;

  constructor(options: EslConnectionOptions) {
    this.socket = options.socket;
    this.core = options.core;
    this.logger = options.logger;
    this.mode = options.mode;
    this.password = options.password ?? 'ClueCon';
    this.async = options.async ?? true;
    this.full = options.full ?? true;
    this.session = options.session;
    this.authed = options.mode === 'outbound';
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.connected = new Promise((resolve) => (this.resolveConnected = resolve));
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error) => {
      this.logger.debug({ err: error }, 'event socket error');
      this.closed();
    });
    this.socket.on('close', () => this.closed());
    this.cleanups.push(this.core.bus.add(this));
    if (this.mode === 'inbound') {
      this.write(AUTH_REQUEST);
    } else if (this.session) {
      this.session.attach(this, { controlling: true });
      // FreeSWITCH gives an outbound socket 25 s for its first command, whatever it is.
      this.firstCommandTimer = setTimeout(() => this.stop(), options.firstCommandTimeoutMs ?? 25_000);
      this.cleanups.push(() => clearTimeout(this.firstCommandTimer));
    }
  }

  get open(): boolean {
    return this.running;
  }

  // ---- events -------------------------------------------------------------------

  wants(name: string, subclass: string | undefined): boolean {
    return this.running && this.subscription.wants(name, subclass);
  }

  routingKeys(): readonly string[] | undefined {
    return this.subscription.routingKeys(this.session?.uuid);
  }

  deliver(event: EslEvent): void {
    if (!this.subscription.passes(event, this.session?.uuid)) return;
    const { format } = this.subscription;
    const frame = eventFrame(format, event.serialize(format));
    if (this.busy > 0) this.held.push(frame);
    else this.writeEvent(frame);
  }

  private writeEvent(frame: string): void {
    if (this.socket.writableLength > MAX_QUEUED_BYTES) {
      if (++this.lostEvents > MAX_LOST_EVENTS) this.stop('killed listener because of lost events\n');
      return;
    }
    this.lostEvents = 0;
    this.write(frame);
  }

  // ---- the session ----------------------------------------------------------------

  /** listener_run (mod_event_socket.c) sees the channel down before CHANNEL_HANGUP is queued: without linger, goodbye comes first. */
  hangingUp(): void {
    if (this.linger === undefined) this.stop();
  }

  channelDown(session: Session): void {
    if (!this.running) return;
    if (this.linger === undefined) {
      this.stop();
      return;
    }
    this.write(lingerNotice(session.uuid, session.channel.name, this.linger));
    if (this.linger >= 0) this.cleanups.push(this.core.clock.schedule(this.linger * 1000, () => this.stop()));
  }

  /** Ends the listener: the disconnect notice, then the socket closes. */
  stop(message: string = GOODBYE): void {
    if (!this.running) return;
    this.flushHeld();
    this.running = false;
    this.write(disconnectNotice(message, this.session?.uuid));
    this.socket.end();
    // A client that never closes its side must not keep the socket (or a shutdown) open.
    const timer = setTimeout(() => this.socket.destroy(), 2000);
    timer.unref();
    this.socket.once('close', () => clearTimeout(timer));
    this.finish();
  }

  private closed(): void {
    this.running = false;
    this.finish();
    this.socket.destroy();
  }

  private finish(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.resolveConnected(false);
    this.resolveEnded();
  }

  // ---- commands ---------------------------------------------------------------------

  private onData(chunk: Buffer): void {
    let commands: EslCommand[];
    try {
      commands = this.reader.push(chunk);
    } catch {
      this.stop('-ERR command too long\n');
      return;
    }
    if (commands.length > 0) clearTimeout(this.firstCommandTimer);
    for (const command of commands) {
      this.chain = this.chain
        .then(() => (this.running ? this.dispatch(command) : undefined))
        .catch((error: unknown) => this.logger.error({ err: error, command: command.line }, 'event socket command failed'));
    }
  }

  /**
   * Frames written in one turn of the event loop (a reply and the events it caused, a
   * hangup's events and the disconnect notice) leave in one segment: the socket is
   * corked at the first and uncorked once the turn's ticks have run.
   */
  private write(text: string): void {
    if (this.socket.destroyed || !this.socket.writable) return;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.uncork);
    }
    this.socket.write(text);
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.socket.uncork();
  };

  private reply(text: string, extra: readonly Header[] = []): void {
    this.write(commandReply(text === '' ? '-ERR command not found' : text, extra));
  }

  private flushHeld(): void {
    const held = this.held;
    this.held = [];
    for (const frame of held) this.writeEvent(frame);
  }

  /** `parse_command`, in its order: exit, auth, filter, the session's commands, sendmsg, then the rest. */
  private async dispatch(command: EslCommand): Promise<void> {
    const line = command.line;
    const lower = line.toLowerCase();
    if (lower.startsWith('exit') || line.startsWith('...')) {
      this.reply('+OK bye');
      this.stop();
      return;
    }
    if (!this.authed) return this.authenticate(line);
    if (lower.startsWith('filter ')) {
      this.reply(this.subscription.filter(line.slice(7)));
      this.core.bus.rekey(this);
      return;
    }
    if (this.session && lower.startsWith('resume')) {
      this.session.channel.setVariable('socket_resume', 'true');
      return this.reply('+OK');
    }
    if (this.session || lower.startsWith('myevents ')) {
      if (lower.startsWith('connect')) return this.connect();
      if (lower.startsWith('getvar')) {
        const space = line.indexOf(' ');
        return this.reply(space < 0 ? '' : (this.session?.channel.getVariable(line.slice(space + 1)) ?? ''));
      }
      if (lower.startsWith('myevents')) {
        this.reply(this.myevents(line));
        this.core.bus.rekey(this);
        return;
      }
    }
    if (lower.startsWith('divert_events')) return this.reply(this.divertEvents(line.slice(13).trim()));
    if (lower.startsWith('sendmsg')) return this.sendmsg(command);
    if (this.mode === 'outbound' && !this.full) return this.reply('');
    if (lower.startsWith('sendevent')) return this.reply(this.sendevent(command));
    if (lower.startsWith('api ')) return this.api(line.slice(4));
    if (lower.startsWith('bgapi ')) return this.bgapi(line.slice(6), command);
    if (lower.startsWith('log')) return this.reply(this.log(line.slice(3).trim()));
    if (lower.startsWith('linger')) return this.reply(this.setLinger(line));
    if (lower.startsWith('nolinger')) return this.reply(this.session ? ((this.linger = undefined), '+OK will not linger') : '-ERR not controlling a session');
    if (lower.startsWith('nolog')) return this.reply(this.logging ? ((this.logging = false), '+OK no longer logging') : '-ERR not loging');
    if (lower.startsWith('event')) return this.reply(this.subscription.subscribe(line.slice(5)));
    if (lower.startsWith('nixevent')) return this.reply(this.subscription.nixevent(line.slice(8)));
    if (lower.startsWith('noevents')) {
      this.held = [];
      return this.reply(this.subscription.noevents());
    }
    this.reply('');
  }

  private authenticate(line: string): void {
    const auth = authenticate(line, this.password);
    if (auth.outcome === 'not_a_login') return this.reply('');
    if (auth.outcome === 'refused') {
      this.reply('-ERR invalid');
      this.stop();
      return;
    }
    this.authed = true;
    this.reply('+OK accepted', auth.headers);
  }

  private connect(): void {
    const session = this.session;
    if (!session) return this.reply('');
    const event = this.core.bus.compose('CHANNEL_DATA', {
      headers: [
        ...session.channel.channelDataHeaders(),
        ['Content-Type', 'command/reply'],
        ['Reply-Text', '+OK\n'],
        ['Socket-Mode', this.async ? 'async' : 'static'],
        ['Control', this.full ? 'full' : 'single-channel'],
      ],
    });
    this.write(serializePlain(event.headers));
    this.resolveConnected(true);
  }

  private myevents(line: string): string {
    if (this.subscription.myEvents) return '-ERR aready enabled.';
    if (!this.session) {
      const [uuid = '', format] = line.slice(9).trim().split(/\s+/);
      const found = this.core.locate(uuid);
      if (!found && format !== undefined) return '-ERR invalid uuid';
      if (found) {
        this.session = found;
        found.attach(this, { controlling: false });
      }
    }
    return this.subscription.enableMyEvents(line);
  }

  private divertEvents(value: string): string {
    if (!this.session) return '-ERR not controlling a session.';
    if (value === '') return '-ERR missing value.';
    return value.toLowerCase() === 'on' ? '+OK events diverted' : '+OK events not diverted';
  }

  /**
   * `sendmsg [uuid]`: queued on the channel, the reply first. In outbound mode a
   * message without a UUID (or with the controlled one) goes to the controlled session.
   */
  private sendmsg(command: EslCommand): void {
    let uuid = command.line.slice(7).trim() || headerOf(command, 'session-id') || '';
    if (this.session && uuid === this.session.uuid) uuid = '';
    const target = uuid === '' ? this.session : this.core.locate(uuid);
    if (!target) return this.reply(`-ERR invalid session id [${uuid}]`);
    this.reply('+OK');
    target.enqueue(parseSendmsg(command));
  }

  private sendevent(command: EslCommand): string {
    const eventUuid = randomUUID();
    const word = command.line.slice(9).trim();
    const name = eventNameOf(word) ?? 'COMMAND';
    const subclass = name === 'CUSTOM' ? headerOf(command, 'Event-Subclass') : undefined;
    const headers: Header[] = [['Command', command.line], ...command.headers.filter(([h]) => h.toLowerCase() !== 'event-subclass'), ['Event-UUID', eventUuid]];
    const keys = ['unique-id', 'job-owner-uuid'].map((name) => headerOf(command, name)).filter((key): key is string => key !== undefined);
    const fireOptions: FireOptions = { keys };
    if (subclass !== undefined) fireOptions.subclass = subclass;
    this.core.bus.fire(name, () => (command.body === undefined ? { headers } : { headers, body: command.body }), fireOptions);
    return `+OK ${eventUuid}`;
  }

  /** `api`: the socket waits for the command; events fired meanwhile follow the response. */
  private async api(commandLine: string): Promise<void> {
    this.busy++;
    try {
      const output = await this.core.executeApi(commandLine);
      this.write(apiResponse(output));
    } finally {
      if (--this.busy === 0) this.flushHeld();
    }
  }

  /** `bgapi`: `+OK Job-UUID: x` with a separate Job-UUID header now, BACKGROUND_JOB later. */
  private bgapi(commandLine: string, command: EslCommand): void {
    const jobUuid = headerOf(command, 'job-uuid') || randomUUID();
    const owner = this.session?.uuid;
    this.reply(`+OK Job-UUID: ${jobUuid}`, [['Job-UUID', jobUuid]]);
    const space = commandLine.indexOf(' ');
    const name = space < 0 ? commandLine : commandLine.slice(0, space);
    const arg = space < 0 ? undefined : commandLine.slice(space + 1);
    void this.core.executeApi(commandLine).then((output) => {
      const headers: Header[] = [['Job-UUID', jobUuid]];
      if (owner !== undefined) headers.push(['Job-Owner-UUID', owner]);
      headers.push(['Job-Command', name]);
      if (arg !== undefined) headers.push(['Job-Command-Arg', arg]);
      this.core.bus.fire('BACKGROUND_JOB', () => ({ headers, body: output }), {
        origin: { file: 'mod_event_socket.c', func: 'api_exec', line: 1572 },
        keys: owner === undefined ? [] : [owner],
      });
    });
  }

  private log(level: string): string {
    const word = level.split(' ')[0] ?? '';
    const number = word === '' ? 7 : /^\d$/.test(word) ? Number(word) : LOG_LEVELS[word.toLowerCase()];
    if (number === undefined) return '-ERR invalid log level';
    this.logging = true;
    return `+OK log level ${word} [${number}]`;
  }

  private setLinger(line: string): string {
    if (!this.session) return '-ERR not controlling a session';
    const rest = line.slice(6);
    this.linger = rest.startsWith(' ') && rest.length > 1 ? Number.parseInt(rest.slice(1), 10) || 0 : -1;
    return this.linger >= 0 ? `+OK will linger ${this.linger} seconds` : '+OK will linger';
  }
}
