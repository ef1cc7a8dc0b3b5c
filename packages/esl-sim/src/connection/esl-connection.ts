import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Logger } from '@voxmesh/telemetry';
import type { Core } from '../core/core.js';
import type { EventSink, FireOptions } from '../core/event-bus.js';
import { parseSendmsg } from '../core/messages.js';
import type { Session, SessionWatcher } from '../core/session.js';
import { CommandReader, headerOf, type EslCommand } from '../protocol/command-reader.js';
import { serializePlain, type EslEvent, type EventFormat, type Header } from '../protocol/event.js';
import { EVENT_NAMES, eventNameOf } from '../protocol/event-names.js';
import { AUTH_REQUEST, GOODBYE, apiResponse, commandReply, disconnectNotice, eventFrame, lingerNotice } from '../protocol/frames.js';
import { passesFilters, type Filter } from './filters.js';

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

/** The events `myevents` subscribes to. */
const MY_EVENTS = [
  'CHANNEL_ANSWER', 'CHANNEL_APPLICATION', 'CHANNEL_BRIDGE', 'CHANNEL_CREATE', 'CHANNEL_DATA', 'CHANNEL_DESTROY',
  'CHANNEL_EXECUTE', 'CHANNEL_EXECUTE_COMPLETE', 'CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_ORIGINATE',
  'CHANNEL_UUID', 'CHANNEL_OUTGOING', 'CHANNEL_PARK', 'CHANNEL_PROGRESS', 'CHANNEL_PROGRESS_MEDIA', 'CHANNEL_STATE',
  'CHANNEL_UNBRIDGE', 'CHANNEL_UNPARK', 'DETECTED_SPEECH', 'DTMF', 'NOTALK', 'TALK',
];

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
  private format: EventFormat = 'plain';
  private eventsOn = false;
  private readonly eventList = new Set<string>();
  private readonly customSubclasses = new Set<string>();
  private filters: Filter[] = [];
  private myEvents = false;
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
    if (!this.running || !this.eventsOn) return false;
    if (this.eventList.has('ALL')) return true;
    if (!this.eventList.has(name)) return false;
    return name !== 'CUSTOM' || subclass === undefined || this.customSubclasses.has(subclass);
  }

  /**
   * The UUIDs an event must name (as Unique-ID or Job-Owner-UUID) to reach this
   * listener: those of its filters when they are all plain positive filters on those
   * two headers (what the esl server sets up), else its myevents session.
   */
  routingKeys(): readonly string[] | undefined {
    if (this.filters.length > 0 && this.filters.every(([header, value]) => /^(unique-id|job-owner-uuid)$/i.test(header) && /^[+ ]*[^-/+ ]/.test(value))) {
      return this.filters.map(([, value]) => value.replace(/^[+ ]+/, ''));
    }
    if (this.myEvents && this.session) return [this.session.uuid];
    return undefined;
  }

  deliver(event: EslEvent): void {
    if (!passesFilters(event, this.filters)) return;
    if (this.myEvents) {
      const uuid = event.get('Unique-ID');
      let send = uuid !== undefined && (!this.session || uuid === this.session.uuid);
      if (this.session && event.get('Job-Owner-UUID') === this.session.uuid) send = true;
      if (!send) return;
    }
    const frame = eventFrame(this.format, event.serialize(this.format));
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
    if (!this.authed) return this.authenticate(line, lower);
    if (lower.startsWith('filter ')) {
      this.reply(this.filter(line.slice(7)));
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
    if (lower.startsWith('event')) return this.reply(this.subscribe(line.slice(5)));
    if (lower.startsWith('nixevent')) return this.reply(this.nixevent(line.slice(8)));
    if (lower.startsWith('noevents')) return this.reply(this.noevents());
    this.reply('');
  }

  private authenticate(line: string, lower: string): void {
    if (lower.startsWith('auth ')) {
      if (line.slice(5) === this.password) {
        this.authed = true;
        this.reply('+OK accepted');
      } else {
        this.reply('-ERR invalid');
        this.stop();
      }
      return;
    }
    if (lower.startsWith('userauth ')) {
      // No directory here: any user@domain with the switch's password is let in, with every permission.
      const match = /^userauth\s+([^@:\s]+)@([^:\s]+):(.*)$/i.exec(line);
      if (match && match[3] === this.password) {
        this.authed = true;
        this.reply('+OK accepted', [
          ['Allowed-Events', 'all'],
          ['Allowed-API', 'all'],
          ['Allowed-LOG', 'true'],
        ]);
      } else {
        this.reply('-ERR invalid');
        this.stop();
      }
      return;
    }
    this.reply('');
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

  private filter(text: string): string {
    const trimmed = text.replace(/^ +/, '');
    const space = trimmed.indexOf(' ');
    let name = space < 0 ? trimmed : trimmed.slice(0, space);
    let value: string | undefined = space < 0 ? undefined : trimmed.slice(space + 1);
    if (name.toLowerCase() === 'delete' && value !== undefined) {
      const inner = value.indexOf(' ');
      name = inner < 0 ? value : value.slice(0, inner);
      value = inner < 0 ? undefined : value.slice(inner + 1);
      if (name.toLowerCase() === 'all') this.filters = [];
      else this.filters = this.filters.filter(([h, v]) => h.toLowerCase() !== name.toLowerCase() || (value !== undefined && v !== value));
      return `+OK filter deleted. [${name}][${value ?? ''}]`;
    }
    if (value === undefined) return '-ERR invalid syntax';
    if (name.toLowerCase() === 'add') {
      const inner = value.indexOf(' ');
      name = inner < 0 ? value : value.slice(0, inner);
      value = inner < 0 ? '' : value.slice(inner + 1);
    }
    this.filters.push([name, value]);
    return `+OK filter added. [${name}]=[${value}]`;
  }

  private myevents(line: string): string {
    if (this.myEvents) return '-ERR aready enabled.';
    if (!this.session) {
      const [uuid = '', format] = line.slice(9).trim().split(/\s+/);
      const found = this.core.locate(uuid);
      if (!found && format !== undefined) return '-ERR invalid uuid';
      if (found) {
        this.session = found;
        found.attach(this, { controlling: false });
      }
    }
    for (const name of MY_EVENTS) this.eventList.add(name);
    this.myEvents = true;
    this.eventsOn = true;
    if (/xml/i.test(line)) this.format = 'xml';
    if (/json/i.test(line)) this.format = 'json';
    return '+OK Events Enabled';
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

  /** `event [plain|json|xml] <names…>`: CUSTOM makes the words after it subclass names. */
  private subscribe(text: string): string {
    const space = text.indexOf(' ');
    if (space < 0) return '-ERR no keywords supplied';
    let keys = 0;
    let custom = false;
    text
      .slice(space + 1)
      .split(' ')
      .forEach((word, index) => {
        if (index === 0 && /^(plain|json|xml)$/i.test(word)) {
          this.format = word.toLowerCase() as EventFormat;
          return;
        }
        if (custom) {
          if (word !== '') this.customSubclasses.add(word);
          return;
        }
        const name = eventNameOf(word);
        if (!name) return;
        keys++;
        if (name === 'ALL') for (const each of EVENT_NAMES) this.eventList.add(each);
        this.eventList.add(name);
        if (name === 'CUSTOM') custom = true;
      });
    if (keys === 0) return '-ERR no keywords supplied';
    this.eventsOn = true;
    return `+OK event listener enabled ${this.format}`;
  }

  private nixevent(text: string): string {
    const space = text.indexOf(' ');
    if (space < 0) return '-ERR no keywords supplied';
    let keys = 0;
    let custom = false;
    for (const word of text.slice(space + 1).split(' ')) {
      if (custom) {
        this.customSubclasses.delete(word);
        continue;
      }
      const name = eventNameOf(word);
      if (!name) continue;
      keys++;
      if (name === 'CUSTOM') custom = true;
      else if (name === 'ALL') this.eventList.clear();
      else {
        if (this.eventList.delete('ALL')) for (const each of EVENT_NAMES) if (each !== 'ALL') this.eventList.add(each);
        this.eventList.delete(name);
      }
    }
    if (keys === 0) return '-ERR no keywords supplied';
    this.eventsOn = true;
    return '+OK events nixed';
  }

  private noevents(): string {
    this.held = [];
    if (!this.eventsOn) return '-ERR not listening for events';
    this.eventsOn = false;
    this.eventList.clear();
    this.customSubclasses.clear();
    return '+OK no longer listening for events';
  }
}
