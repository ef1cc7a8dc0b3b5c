import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { silentLogger, parseListenAddr, type Logger } from '@voxmesh/telemetry';
import { callView, type CallView } from './call-view.js';
import { parseHangupCause } from './channel/hangup-causes.js';
import { SimClock } from './clock.js';
import { ControlApi } from './control-api.js';
import type { DestinationRequest, DtmfRequest, HangupRequest, PlaceCallRequest, SimulatorMetrics, SwitchControl } from './control-requests.js';
import { ControlError } from './control-error.js';
import { Core } from './core/core.js';
import { LoadedModules } from './core/modules.js';
import { EventBus, type EventSink } from './core/event-bus.js';
import type { Session } from './core/session.js';
import { ANSWER_BEHAVIOURS, DestinationTable, type AnswerBehaviour, type Destination } from './dial/destinations.js';
import { InboundServer } from './inbound-server.js';
import { PromptCatalog } from './media/prompts.js';
import { OutboundSocketConnector } from './outbound-connector.js';
import type { EslEvent } from './protocol/event.js';
import { SHUTTING_DOWN } from './protocol/frames.js';

export interface EslSimulatorOptions {
  /** Where inbound event-socket clients connect; default 127.0.0.1 on a free port. */
  eslListenAddr?: string;
  eslPassword?: string;
  /** The applications' socket servers, tried in order for each call; none parks calls. */
  appAddrs?: string[];
  /** Where the HTTP control API listens; default 127.0.0.1 on a free port, null for none. */
  controlListenAddr?: string | null;
  /** Real time per simulated time: 0.01 plays a 3 s prompt in 30 ms. */
  timeScale?: number;
  /** Prompt lengths in simulated ms by path or URL; a negative length means missing. */
  prompts?: Record<string, number>;
  defaultPromptMs?: number;
  /** Destinations for outgoing legs, as `PUT /destinations/<number>` sets them. */
  destinations?: Record<string, Partial<Destination> & { answer: AnswerBehaviour }>;
  /** How many ended calls the control API keeps. */
  keepEndedCalls?: number;
  /** FreeSWITCH-Hostname on events. */
  hostname?: string;
  logger?: Logger;
  /** Real ms an application may take to send `connect` on an outbound socket. */
  connectCommandTimeoutMs?: number;
  /** The loaded modules (`mod_amd`, `mod_audio_fork`, `mod_http_cache`, …); default STOCK_MODULES. */
  modules?: readonly string[];
}

export interface SimulatorAddresses {
  esl: { host: string; port: number };
  control: { host: string; port: number; url: string } | undefined;
}

const DIGITS = /^[0-9A-Da-d*#]+$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') throw ControlError.invalid(field, `${field} must be a non-empty string`);
  return value;
}

function optionalNumber(body: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw ControlError.invalid(field, `${field} must be a number from ${min} to ${max}`);
  }
  return value;
}

/**
 * A FreeSWITCH event-socket simulator: the inbound listener, the outbound sockets to
 * the application, simulated calls and the control API. The methods mirror the
 * HTTP control API and throw ControlError where it answers 4xx.
 */
export class EslSimulator implements SwitchControl {
  readonly clock: SimClock;
  private readonly logger: Logger;
  private readonly bus: EventBus;
  private readonly core: Core;
  private readonly connector: OutboundSocketConnector;
  private readonly destinationTable = new DestinationTable();
  private readonly prompts: PromptCatalog;
  private inbound: InboundServer | undefined;
  private control: ControlApi | undefined;
  private addresses: SimulatorAddresses | undefined;
  private readonly pressing = new Set<Promise<void>>();

  constructor(private readonly options: EslSimulatorOptions = {}) {
    this.logger = options.logger ?? silentLogger();
    this.clock = new SimClock(options.timeScale ?? 1);
    const hostname = options.hostname ?? os.hostname();
    this.bus = new EventBus(this.clock, { coreUuid: randomUUID(), hostname, switchname: hostname, ipv4: '127.0.0.1', ipv6: '::1' });
    this.prompts = new PromptCatalog({ files: options.prompts ?? {}, defaultFileMs: options.defaultPromptMs ?? 2000 });
    const connectorOptions: ConstructorParameters<typeof OutboundSocketConnector>[0] = { logger: this.logger };
    if (options.connectCommandTimeoutMs !== undefined) connectorOptions.firstCommandTimeoutMs = options.connectCommandTimeoutMs;
    this.connector = new OutboundSocketConnector(connectorOptions);
    for (const [number, destination] of Object.entries(options.destinations ?? {})) this.setDestination(number, destination);
    this.core = new Core({
      clock: this.clock,
      bus: this.bus,
      logger: this.logger,
      prompts: this.prompts,
      destinations: this.destinationTable,
      connector: this.connector,
      appAddrs: options.appAddrs ?? [],
      keepEndedCalls: options.keepEndedCalls ?? 10_000,
      modules: new LoadedModules(options.modules),
    });
  }

  async start(): Promise<SimulatorAddresses> {
    if (this.addresses) return this.addresses;
    const esl = parseListenAddr(this.options.eslListenAddr ?? '127.0.0.1:0');
    this.inbound = new InboundServer({ core: this.core, logger: this.logger, password: this.options.eslPassword ?? 'ClueCon', host: esl.host, port: esl.port });
    const eslAddress = await this.inbound.start();
    let controlAddress: SimulatorAddresses['control'];
    const controlListen = this.options.controlListenAddr === undefined ? '127.0.0.1:0' : this.options.controlListenAddr;
    if (controlListen !== null) {
      const { host, port } = parseListenAddr(controlListen);
      this.control = new ControlApi({ simulator: this, logger: this.logger, host, port });
      const address = await this.control.start();
      const urlHost = address.host.includes(':') ? `[${address.host}]` : address.host;
      controlAddress = { ...address, url: `http://${urlHost}:${address.port}` };
    }
    this.addresses = { esl: eslAddress, control: controlAddress };
    this.logger.info({ esl: eslAddress, control: controlAddress, app: this.options.appAddrs ?? [] }, 'esl-sim started');
    return this.addresses;
  }

  /**
   * Hangs every call up, ends every socket with the shutdown notice, and closes the
   * servers. Sockets get a moment to see their calls end; one lingering for ever
   * does not hold the shutdown up.
   */
  async stop(): Promise<void> {
    const destroyed = this.core.hangupAll('SYSTEM_SHUTDOWN');
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([destroyed, new Promise<void>((resolve) => (grace = setTimeout(resolve, 250)))]);
    clearTimeout(grace);
    await Promise.all([this.connector.stopAll(SHUTTING_DOWN), this.inbound?.stop()]);
    await destroyed;
    await Promise.all(this.pressing);
    await this.control?.stop();
    this.clock.dispose();
    this.addresses = undefined;
  }

  // ---- calls ------------------------------------------------------------------------

  /** A call from a phone (`POST /calls`): its UUID. */
  placeCall(request: PlaceCallRequest): string {
    const body: unknown = request;
    if (!isRecord(body)) throw ControlError.invalid('body', 'the body must be a JSON object');
    const from = requireString(body, 'from');
    const to = requireString(body, 'to');
    const callerIdName = body.caller_id_name;
    if (callerIdName !== undefined && typeof callerIdName !== 'string') throw ControlError.invalid('caller_id_name', 'caller_id_name must be a string');
    const variables: Record<string, string> = {};
    if (body.variables !== undefined) {
      if (!isRecord(body.variables)) throw ControlError.invalid('variables', 'variables must be an object of strings');
      for (const [name, value] of Object.entries(body.variables)) {
        if (!/^[A-Za-z0-9_.:-]+$/.test(name)) throw ControlError.invalid(`variables.${name}`, 'a variable name uses letters, digits and _ . : -');
        if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
          throw ControlError.invalid(`variables.${name}`, 'a variable value must be a string');
        }
        variables[name] = String(value);
      }
    }
    const inbound: Parameters<Core['placeInboundCall']>[0] = { from, to, variables };
    if (typeof callerIdName === 'string') inbound.callerIdName = callerIdName;
    if (body.fax_pages !== undefined) {
      if (typeof body.fax_pages !== 'number' || !Number.isInteger(body.fax_pages) || body.fax_pages < 1 || body.fax_pages > 500) {
        throw ControlError.invalid('fax_pages', 'fax_pages must be a whole number of pages from 1 to 500');
      }
      inbound.faxPages = body.fax_pages;
    }
    return this.core.placeInboundCall(inbound).uuid;
  }

  listCalls(): CallView[] {
    return this.core.allSessions().map((session) => callView(session, this.core.locate(session.uuid) === undefined));
  }

  getCall(uuid: string): CallView {
    const session = this.core.find(uuid);
    if (!session) throw new ControlError(404, `no call ${uuid}`, 'uuid');
    return callView(session, this.core.locate(uuid) === undefined);
  }

  /** Presses digits on the caller's phone (`POST /calls/<uuid>/dtmf`); resolves when all are pressed. */
  sendDtmf(uuid: string, request: DtmfRequest): Promise<void> {
    const body: unknown = request;
    if (!isRecord(body)) throw ControlError.invalid('body', 'the body must be a JSON object');
    const digits = body.digits;
    if (typeof digits !== 'string' || !DIGITS.test(digits)) throw ControlError.invalid('digits', 'digits must be 0-9, *, # or A-D');
    const interval = optionalNumber(body, 'interval_ms', 0, 60_000) ?? 100;
    const session = this.liveCall(uuid);
    const pressing = (async () => {
      for (let i = 0; i < digits.length; i++) {
        if (i > 0 && (await session.wait(interval)).outcome === 'hangup') return;
        session.receiveDtmf(digits[i]!);
      }
    })();
    this.pressing.add(pressing);
    void pressing.then(() => this.pressing.delete(pressing));
    return pressing;
  }

  /** The caller hangs up (`POST /calls/<uuid>/hangup`); NORMAL_CLEARING by default. */
  hangup(uuid: string, request: HangupRequest = {}): void {
    const body: unknown = request;
    if (!isRecord(body)) throw ControlError.invalid('body', 'the body must be a JSON object');
    let cause = parseHangupCause('NORMAL_CLEARING')!;
    if (body.cause !== undefined) {
      const parsed = typeof body.cause === 'string' || typeof body.cause === 'number' ? parseHangupCause(String(body.cause)) : undefined;
      if (!parsed) throw ControlError.invalid('cause', 'cause must be a hangup cause name or Q.850 code');
      cause = parsed;
    }
    this.liveCall(uuid).hangup(cause, 'remote');
  }

  /**
   * Resolves with the call once `predicate` holds for it, polling every few ms; for
   * tests that wait for a call to reach a step.
   */
  waitForCall(uuid: string, predicate: (call: CallView) => boolean, timeoutMs = 5000): Promise<CallView> {
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolve, reject) => {
      const check = () => {
        const session = this.core.find(uuid);
        const view = session ? callView(session, this.core.locate(uuid) === undefined) : undefined;
        if (view && predicate(view)) return resolve(view);
        if (Date.now() >= deadline) return reject(new Error(`call ${uuid} did not reach the expected state in ${timeoutMs} ms`));
        setTimeout(check, 5);
      };
      check();
    });
  }

  private liveCall(uuid: string): Session {
    const session = this.core.locate(uuid);
    if (session?.up) return session;
    if (this.core.find(uuid)) throw new ControlError(409, `call ${uuid} has ended`, 'uuid');
    throw new ControlError(404, `no call ${uuid}`, 'uuid');
  }

  // ---- destinations -------------------------------------------------------------------

  /** How an outgoing leg to `number` (or `*`, every other number) behaves. */
  setDestination(number: string, request: DestinationRequest): Destination & { number: string } {
    const body: unknown = request;
    if (number.trim() === '') throw ControlError.invalid('number', 'the number must not be empty');
    if (!isRecord(body)) throw ControlError.invalid('body', 'the body must be a JSON object');
    if (!ANSWER_BEHAVIOURS.includes(body.answer as AnswerBehaviour)) throw ControlError.invalid('answer', `answer must be one of ${ANSWER_BEHAVIOURS.join(', ')}`);
    const afterMs = optionalNumber(body, 'after_ms', 0, 86_400_000) ?? 0;
    if (body.amd !== undefined && body.amd !== 'human' && body.amd !== 'machine') throw ControlError.invalid('amd', 'amd must be human or machine');
    if (body.early_media !== undefined && typeof body.early_media !== 'boolean') throw ControlError.invalid('early_media', 'early_media must be true or false');
    if (body.fax !== undefined && typeof body.fax !== 'boolean') throw ControlError.invalid('fax', 'fax must be true or false');
    const destination: Destination = {
      answer: body.answer as AnswerBehaviour,
      after_ms: afterMs,
      amd: (body.amd as 'human' | 'machine' | undefined) ?? 'human',
      early_media: (body.early_media as boolean | undefined) ?? false,
      ...(body.fax === true ? { fax: true } : {}),
    };
    this.destinationTable.set(number, destination);
    return { number, ...destination };
  }

  listDestinations(): Record<string, Destination> {
    return this.destinationTable.list();
  }

  deleteDestination(number: string): void {
    if (!this.destinationTable.delete(number)) throw new ControlError(404, `no destination ${number}`, 'number');
  }

  /** Sets a prompt's length in simulated ms (negative: the file is missing). */
  setPromptLength(path: string, ms: number): void {
    this.prompts.setFile(path, ms);
  }

  // ---- observation --------------------------------------------------------------------

  /** Every event the switch fires, as it fires; returns the unsubscribe function. */
  subscribe(listener: (event: EslEvent) => void): () => void {
    const sink: EventSink = { wants: () => true, deliver: listener };
    return this.bus.add(sink);
  }

  /** Figures for the metrics endpoint. */
  metrics(): SimulatorMetrics {
    return {
      channels: this.core.liveSessions().length,
      callsTotal: {
        inbound: this.core.stats.sessionsByDirection.inbound,
        outbound: this.core.stats.sessionsByDirection.outbound,
      },
      eslConnections: { inbound: this.inbound?.count ?? 0, outbound: this.connector.count },
    };
  }
}
