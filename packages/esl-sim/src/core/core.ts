import { randomUUID } from 'node:crypto';
import type { Logger } from '@voxmesh/telemetry';
import { APIS } from '../apis/index.js';
import type { ApiHandler } from '../apis/types.js';
import { APPS } from '../apps/index.js';
import type { AppHandler } from '../apps/types.js';
import type { ChannelInit } from '../channel/channel.js';
import type { SimClock } from '../clock.js';
import { ConferenceManager } from '../conference/conferences.js';
import type { DestinationTable } from '../dial/destinations.js';
import { Dialer } from '../dial/dialer.js';
import type { PromptCatalog } from '../media/prompts.js';
import type { EventBus } from './event-bus.js';
import type { LoadedModules } from './modules.js';
import { Session } from './session.js';

/** An outbound socket to an application, as the `socket` application opens it. */
export interface OutboundLink {
  /** True once the application sent `connect`; false if the socket failed first. */
  readonly connected: Promise<boolean>;
}

export interface OutboundConnector {
  /** Tries the targets in order; the link is bound to the session as its controller. */
  connect(session: Session, targets: string[], options: { async: boolean; full: boolean }): Promise<OutboundLink | undefined>;
}

export interface InboundCallRequest {
  from: string;
  to: string;
  callerIdName?: string;
  variables?: Record<string, string>;
  /** The caller is a fax machine sending this many pages. */
  faxPages?: number;
}

export interface CoreOptions {
  clock: SimClock;
  bus: EventBus;
  logger: Logger;
  prompts: PromptCatalog;
  destinations: DestinationTable;
  connector: OutboundConnector;
  /** Where the dialplan's `socket` application connects; none parks the calls instead. */
  appAddrs: string[];
  /** How many ended calls stay visible to the control API. */
  keepEndedCalls: number;
  /** The loaded modules: what is missing answers as FreeSWITCH answers a name it does not know. */
  modules: LoadedModules;
}

export interface CoreStats {
  startedAt: number;
  sessionsSinceStartup: number;
  sessionsByDirection: { inbound: number; outbound: number };
  peakSessions: number;
}

/**
 * The simulated switch: its sessions, the applications and API commands, the dialer
 * and the conferences. The ESL listeners and the control API drive it.
 */
export class Core {
  readonly clock: SimClock;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly prompts: PromptCatalog;
  readonly destinations: DestinationTable;
  readonly connector: OutboundConnector;
  readonly dialer: Dialer;
  readonly conferences: ConferenceManager;
  readonly modules: LoadedModules;
  readonly stats: CoreStats = { startedAt: Date.now(), sessionsSinceStartup: 0, sessionsByDirection: { inbound: 0, outbound: 0 }, peakSessions: 0 };
  private readonly appAddrs: string[];
  private readonly keepEndedCalls: number;
  private readonly live = new Map<string, Session>();
  /** Destroyed sessions, oldest first, kept for the control API. */
  private readonly ended = new Map<string, Session>();
  private readonly apps = new Map<string, AppHandler>(Object.entries(APPS));
  private readonly apis = new Map<string, ApiHandler>(Object.entries(APIS));
  private sessionCounter = 0;
  /** The local addresses unicast streams are bound to, and whose they are. */
  private readonly unicastBindings = new Map<string, object>();

  constructor(options: CoreOptions) {
    this.clock = options.clock;
    this.bus = options.bus;
    this.logger = options.logger;
    this.prompts = options.prompts;
    this.destinations = options.destinations;
    this.connector = options.connector;
    this.appAddrs = options.appAddrs;
    this.keepEndedCalls = options.keepEndedCalls;
    this.modules = options.modules;
    this.dialer = new Dialer(this);
    this.conferences = new ConferenceManager(this);
  }

  /** An application, if the module that registers it is loaded. */
  app(name: string): AppHandler | undefined {
    const key = name.toLowerCase();
    return this.modules.hasApp(key) ? this.apps.get(key) : undefined;
  }

  createSession(init: ChannelInit): Session {
    const session = new Session(this, init);
    this.live.set(session.uuid, session);
    this.stats.sessionsSinceStartup++;
    this.stats.sessionsByDirection[init.direction]++;
    this.stats.peakSessions = Math.max(this.stats.peakSessions, this.live.size);
    session.channel.setVariable('session_id', String(++this.sessionCounter));
    return session;
  }

  /** Binds a unicast stream's local address (switch_socket_bind): false when another stream holds it. */
  bindUnicast(local: string, owner: object): boolean {
    const holder = this.unicastBindings.get(local);
    if (holder && holder !== owner) return false;
    this.unicastBindings.set(local, owner);
    return true;
  }

  unbindUnicast(local: string, owner: object): void {
    if (this.unicastBindings.get(local) === owner) this.unicastBindings.delete(local);
  }

  /** A session until it is destroyed (`switch_core_session_locate`). */
  locate(uuid: string): Session | undefined {
    return this.live.get(uuid);
  }

  /** A session, live or ended, for the control API. */
  find(uuid: string): Session | undefined {
    return this.live.get(uuid) ?? this.ended.get(uuid);
  }

  liveSessions(): Session[] {
    return [...this.live.values()];
  }

  allSessions(): Session[] {
    return [...this.ended.values(), ...this.live.values()].sort((a, b) => a.channel.times.created - b.channel.times.created);
  }

  sessionDestroyed(session: Session): void {
    this.live.delete(session.uuid);
    this.ended.set(session.uuid, session);
    while (this.ended.size > this.keepEndedCalls) {
      const oldest = this.ended.keys().next().value;
      if (oldest === undefined) break;
      this.ended.delete(oldest);
    }
  }

  /**
   * A call arriving from a phone: CHANNEL_CREATE, the states up to CS_EXECUTE, then
   * the dialplan. The given variables become the channel's, after the SIP ones.
   */
  placeInboundCall(request: InboundCallRequest): Session {
    const variables = request.variables ?? {};
    const domain = variables.domain_name ?? variables.sip_from_host ?? this.bus.identity.ipv4;
    const uuid = randomUUID();
    const registered = variables.sip_auth_username !== undefined;
    const session = this.createSession({
      uuid,
      direction: 'inbound',
      name: `sofia/internal/${request.from}@${domain}`,
      profile: {
        username: variables.sip_auth_username ?? request.from,
        dialplan: 'XML',
        callerIdName: request.callerIdName ?? request.from,
        callerIdNumber: request.from,
        networkAddr: variables.sip_network_ip ?? '127.0.0.1',
        ani: request.from,
        destinationNumber: request.to,
        source: 'mod_sofia',
        context: registered ? 'default' : 'public',
      },
      createdMicros: this.clock.nowMicros(),
      hitDialplan: true,
    });
    session.faxPages = request.faxPages;
    const ch = session.channel;
    const sip: Record<string, string> = {
      direction: 'inbound',
      uuid,
      sip_from_user: request.from,
      sip_from_uri: `${request.from}@${domain}`,
      sip_from_host: domain,
      sip_to_user: request.to,
      sip_to_uri: `${request.to}@${domain}`,
      sip_to_host: domain,
      sip_req_user: request.to,
      sip_req_uri: `${request.to}@${domain}`,
      sip_req_host: domain,
      sip_call_id: `${uuid}@${domain}`,
      sip_network_ip: '127.0.0.1',
      sip_network_port: '5060',
      sip_received_ip: '127.0.0.1',
      sip_received_port: '5060',
      sip_via_protocol: 'udp',
      sofia_profile_name: 'internal',
      channel_name: ch.name,
      read_codec: 'PCMU',
      read_rate: '8000',
      write_codec: 'PCMU',
      write_rate: '8000',
    };
    if (request.callerIdName !== undefined) sip.sip_from_display = request.callerIdName;
    for (const [name, value] of Object.entries({ ...sip, ...variables })) ch.setVariable(name, value);
    ch.state = 'CS_INIT';
    ch.callState = 'RINGING';
    session.fire('CHANNEL_CREATE', [], { origin: { file: 'switch_core_state_machine.c', func: 'switch_core_session_run', line: 587 } });
    session.fire('CHANNEL_STATE');
    session.setState('CS_ROUTING');
    session.setState('CS_EXECUTE');
    this.runDialplan(session);
    return session;
  }

  /** An outgoing leg's start: CREATE, OUTGOING, then the states an originating leg goes through. */
  startOutbound(session: Session): void {
    session.channel.state = 'CS_INIT';
    session.fire('CHANNEL_CREATE');
    session.fire('CHANNEL_OUTGOING', [], { origin: { file: 'switch_core_session.c', func: 'switch_core_session_outgoing_channel', line: 738 } });
    session.fire('CHANNEL_STATE');
    session.setState('CS_ROUTING');
    session.setState('CS_CONSUME_MEDIA');
  }

  /**
   * The simulator's dialplan: the outbound socket to the application when one is
   * configured (as `socket <addr> async full`), else park for inbound ESL control.
   */
  runDialplan(session: Session): void {
    session.startDialplan(async () => {
      if (this.appAddrs.length > 0) await session.runApp('socket', `${this.appAddrs.join('|')} async full`);
      else await session.runApp('park', undefined);
    });
  }

  /**
   * Runs an API command line (`uuid_kill <uuid>`). Unknown commands answer as
   * mod_event_socket does. The call is noted on every channel it names.
   */
  async executeApi(line: string): Promise<string> {
    const trimmed = line.replace(/^\s+/, '');
    const space = trimmed.indexOf(' ');
    const command = space < 0 ? trimmed : trimmed.slice(0, space);
    const arg = space < 0 ? '' : trimmed.slice(space + 1);
    const key = command.toLowerCase();
    const handler = this.modules.hasApi(key) ? this.apis.get(key) : undefined;
    if (!handler) return `-ERR ${command} Command not found!\n`;
    let reply: string;
    try {
      reply = await handler({ core: this }, arg);
    } catch (error) {
      this.logger.error({ err: error, command }, 'API command failed');
      reply = `-ERR ${(error as Error).message}\n`;
    }
    this.noteApi(command, arg, reply);
    return reply;
  }

  private noteApi(command: string, arg: string, reply: string): void {
    const named = new Set<Session>();
    for (const word of `${arg} ${reply}`.split(/[\s{},=[\]]+/)) {
      const session = word.length >= 32 ? this.find(word) : undefined;
      if (session) named.add(session);
    }
    for (const session of named) session.channel.history.apis.push({ command, arg, reply: reply.trimEnd() });
  }

  /** Hangs every channel up; resolves when all are destroyed. */
  async hangupAll(cause: 'SYSTEM_SHUTDOWN' | 'MANAGER_REQUEST'): Promise<void> {
    const sessions = this.liveSessions();
    for (const session of sessions) session.hangup(cause);
    await Promise.all(sessions.map((session) => session.destroyed));
  }
}
