import { randomUUID } from 'node:crypto';
import { FreeSwitchClient, type FreeSwitchResponse } from 'esl';
import type { Logger } from '@voxmesh/telemetry';
import type { CallMetrics } from '../metrics.js';
import { existsAnswer, moduleExists } from './commands.js';
import { eslFailure } from './errors.js';
import { eslLogger } from './esl-logger.js';
import { CALL_EVENTS, ChannelEvent, HANDLED_EVENTS } from './event.js';
import { PROBED_MODULES, REQUIRED_MODULES } from './modules.js';
import { onClosed } from './socket-closed.js';

/** A filter no channel matches: with it, the socket takes only what the other filters let through. */
const NOTHING = '00000000-0000-0000-0000-000000000000';
/** Commands that answer at once; originate goes through bgapi with its own deadline. */
const COMMAND_TIMEOUT_MS = 5000;

export interface MediaServerOptions {
  host: string;
  port: number;
  password: string;
  /** `host:port`, the name calls record as their media server. */
  address: string;
  logger: Logger;
  metrics: CallMetrics;
  /** An event of a channel this socket watches. */
  onEvent(server: MediaServer, event: ChannelEvent): void;
  /** The socket is (again) connected and set up; the switch may have restarted meanwhile. */
  onConnect(server: MediaServer): void;
  onDisconnect(server: MediaServer): void;
}

/**
 * One media server's inbound event socket (port 8021): originate and the `uuid_*`
 * commands, and the events of the legs call-manager originated (an inbound call's own
 * events come on its outbound socket). The socket takes nothing by default: a filter
 * per watched channel lets that channel's events through, and a filter per background
 * job its result, so a busy switch does not send every event of every call here. The
 * esl client reconnects by itself; each (re)connection is set up again from scratch.
 */
export class MediaServer {
  readonly address: string;
  /** The switch's Core-UUID, learnt on connect: it changes when the switch restarts. */
  coreUuid: string | undefined;
  private readonly client: FreeSwitchClient;
  private connection: FreeSwitchResponse | undefined;
  private ready = false;
  private readonly watched = new Set<string>();
  /** What `module_exists` answered at the last connect. */
  private modules = new Map<string, boolean>();
  private stopping = false;

  constructor(private readonly options: MediaServerOptions) {
    this.address = options.address;
    this.client = new FreeSwitchClient({ host: options.host, port: options.port, password: options.password, logger: eslLogger(options.logger) });
    this.client.on('connect', (connection) => void this.setUp(connection));
    this.client.on('reconnecting', () => this.lost());
    this.client.on('error', (error) => options.logger.debug({ err: error }, 'event socket error'));
  }

  get connected(): boolean {
    return this.ready;
  }

  start(): void {
    this.client.connect();
  }

  stop(): void {
    this.stopping = true;
    this.client.end();
    this.lost();
  }

  private async setUp(connection: FreeSwitchResponse): Promise<void> {
    const { logger, metrics } = this.options;
    this.connection = connection;
    for (const name of HANDLED_EVENTS) connection.on(name, (data) => this.options.onEvent(this, new ChannelEvent(data.body)));
    onClosed(connection, () => {
      if (this.connection === connection) this.lost();
    });
    try {
      await connection.filter('Unique-ID', NOTHING);
      await connection.event_json(...CALL_EVENTS);
      for (const uuid of this.watched) await connection.filter('Unique-ID', uuid);
      const job = await this.bgapi('create_uuid', COMMAND_TIMEOUT_MS, connection);
      this.coreUuid = job.coreUuid;
      this.modules = await this.probeModules(connection);
    } catch (error) {
      logger.warn({ err: error }, 'event socket set-up failed; reconnecting');
      connection.end();
      return;
    }
    if (this.connection !== connection) return;
    this.ready = true;
    metrics.mediaServerUp.set({ media_server: this.address }, 1);
    metrics.eslConnections.inc({ kind: 'inbound' });
    const missing = [...this.modules].filter(([, loaded]) => !loaded).map(([name]) => name);
    logger.info({ core_uuid: this.coreUuid, missing_modules: missing }, 'media server connected');
    const required: readonly string[] = REQUIRED_MODULES;
    if (missing.some((name) => required.includes(name))) logger.error({ missing_modules: missing }, 'media server lacks a module call-manager needs');
    this.options.onConnect(this);
  }

  /** Asks the switch which of the modules call-manager cares about it has loaded (it may have restarted with others). */
  private async probeModules(connection: FreeSwitchResponse): Promise<Map<string, boolean>> {
    const modules = new Map<string, boolean>();
    for (const name of PROBED_MODULES) {
      const reply = (await connection.api(moduleExists(name), COMMAND_TIMEOUT_MS)).body;
      modules.set(name, existsAnswer(reply) === true);
    }
    return modules;
  }

  /** Whether the switch has a module loaded; undefined before it was first asked. */
  hasModule(name: string): boolean | undefined {
    return this.modules.get(name);
  }

  private lost(): void {
    if (!this.ready) return;
    this.ready = false;
    this.connection = undefined;
    this.options.metrics.mediaServerUp.set({ media_server: this.address }, 0);
    this.options.metrics.eslConnections.dec({ kind: 'inbound' });
    if (!this.stopping) this.options.logger.warn('media server connection lost; reconnecting');
    this.options.onDisconnect(this);
  }

  /** The connection to send on: the set-up one while setting up, else the ready one. */
  private live(connection?: FreeSwitchResponse): FreeSwitchResponse {
    const target = connection ?? (this.ready ? this.connection : undefined);
    if (!target || target.closed) throw eslFailure('connection', new Error(`media server ${this.address} is not connected`));
    return target;
  }

  /** Runs an API command; resolves with its output, rejects with EslCommandError on `-ERR`. */
  async api(command: string, timeoutMs = COMMAND_TIMEOUT_MS): Promise<string> {
    const name = command.split(' ', 1)[0] ?? command;
    return this.options.metrics.timed(name, async () => {
      try {
        const reply = await this.live().api(command, timeoutMs);
        return reply.body;
      } catch (error) {
        throw eslFailure(command, error);
      }
    });
  }

  /**
   * Runs an API command in the background (originate rings for a while): the job's
   * result arrives as a BACKGROUND_JOB event, let through by a filter on its Job-UUID.
   */
  async bgapi(command: string, timeoutMs: number, connection?: FreeSwitchResponse): Promise<{ body: string; coreUuid: string | undefined }> {
    const name = command.split(' ', 1)[0] ?? command;
    return this.options.metrics.timed(`bgapi ${name}`, async () => {
      const live = this.live(connection);
      const job = randomUUID();
      try {
        await live.filter('Job-UUID', job);
        await live.send(`bgapi ${command}`, { 'Job-UUID': job });
        const event = await live.waitAsync(`BACKGROUND_JOB ${job}`, timeoutMs, command);
        const body = String((event.body as Record<string, unknown>)._body ?? '');
        if (body.startsWith('-')) throw eslFailure(command, new Error(body.trim().replace(/^-ERR\s*/, '')));
        return { body, coreUuid: event.body['Core-UUID'] };
      } catch (error) {
        throw eslFailure(command, error);
      } finally {
        live.filter_delete('Job-UUID', job).catch(() => undefined);
      }
    });
  }

  /** Queues an application on a channel, tagged so its CHANNEL_EXECUTE_COMPLETE can be told apart. */
  async execute(uuid: string, app: string, arg: string, appUuid: string): Promise<void> {
    await this.options.metrics.timed('execute', async () => {
      try {
        await this.live().execute_uuid(uuid, app, arg, undefined, appUuid);
      } catch (error) {
        throw eslFailure(`execute ${app}`, error);
      }
    });
  }

  /** Hangs a channel up at once, whatever it runs. */
  async hangup(uuid: string, cause: string): Promise<void> {
    await this.options.metrics.timed('hangup', async () => {
      try {
        await this.live().hangup_uuid(uuid, cause);
      } catch (error) {
        throw eslFailure('hangup', error);
      }
    });
  }

  /** Fires an event on the switch (`sendevent`), e.g. MESSAGE_WAITING for the phones' voicemail lamps. */
  async sendEvent(name: 'MESSAGE_WAITING', headers: Record<string, string>): Promise<void> {
    await this.options.metrics.timed(`sendevent ${name}`, async () => {
      try {
        await this.live().sendevent(name, { ...headers });
      } catch (error) {
        throw eslFailure(`sendevent ${name}`, error);
      }
    });
  }

  /** Sends `sendmsg <uuid>` with the given headers (unicast and the like). */
  async sendmsg(uuid: string, command: string, headers: Record<string, string>): Promise<void> {
    await this.options.metrics.timed(command, async () => {
      try {
        await this.live().sendmsg_uuid(uuid, command, { ...headers });
      } catch (error) {
        throw eslFailure(command, error);
      }
    });
  }

  /** Fires `name` on the switch with `headers` (`sendevent`), as presence updates are sent. */
  async sendevent(name: string, headers: Record<string, string>): Promise<void> {
    await this.options.metrics.timed('sendevent', async () => {
      try {
        await this.live().sendevent(name as Parameters<FreeSwitchResponse['sendevent']>[0], { ...headers });
      } catch (error) {
        throw eslFailure(`sendevent ${name}`, error);
      }
    });
  }

  /** Lets the channel's events through this socket from now on (and after reconnects). */
  async watch(uuid: string): Promise<void> {
    this.watched.add(uuid);
    if (this.ready) await this.live().filter('Unique-ID', uuid);
  }

  unwatch(uuid: string): void {
    if (!this.watched.delete(uuid)) return;
    if (this.ready) this.connection?.filter_delete('Unique-ID', uuid).catch(() => undefined);
  }
}
