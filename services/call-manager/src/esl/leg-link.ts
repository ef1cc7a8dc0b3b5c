import type { FreeSwitchResponse } from 'esl';
import type { CallMetrics } from '../metrics.js';
import { eslFailure } from './errors.js';
import { CALL_EVENTS, ChannelEvent, HANDLED_EVENTS } from './event.js';
import type { MediaServer } from './media-server.js';
import { onClosed } from './socket-closed.js';

const COMMAND_TIMEOUT_MS = 5000;
/** How long a lingering outbound socket waits for the hangup's last event before closing. */
const LINGER_MS = 10_000;

/**
 * How call-manager reaches one channel: through the outbound socket FreeSWITCH opened
 * for it (an inbound call), or through the media server's inbound socket (a leg it
 * originated). Either way the channel's events come back in order on one socket.
 */
export interface LegLink {
  readonly kind: 'socket' | 'inbound';
  readonly channelId: string;
  /** Queues an application, tagged with `appUuid` (its CHANNEL_EXECUTE_COMPLETE carries it). */
  execute(app: string, arg: string, appUuid: string): Promise<void>;
  /** Hangs the channel up now, whatever it runs. */
  hangup(cause: string): Promise<void>;
  /** An API command about the channel (uuid_break, uuid_bridge, …). */
  api(command: string): Promise<string>;
  /** Fires an event on the media server (`sendevent`), as presence updates are sent. */
  sendEvent(name: string, headers: Record<string, string>): Promise<void>;
  /** Stops listening to the channel. */
  release(): void;
}

export interface LegEvents {
  onEvent(event: ChannelEvent): void;
  /** The channel can no longer be heard from: its socket closed, or it was destroyed. */
  onGone(): void;
}

/**
 * An inbound call's outbound socket (`socket … async full`). esl has already sent
 * `connect` and subscribed CHANNEL_EXECUTE_COMPLETE and BACKGROUND_JOB filtered to this
 * channel; `listen` adds the rest of the call's events.
 */
export class SocketLink implements LegLink {
  readonly kind = 'socket';
  private released = false;

  constructor(
    private readonly connection: FreeSwitchResponse,
    readonly channelId: string,
    private readonly metrics: CallMetrics,
  ) {}

  async listen(events: LegEvents): Promise<void> {
    if (this.connection.closed) {
      queueMicrotask(() => events.onGone());
      return;
    }
    for (const name of HANDLED_EVENTS) this.connection.on(name, (data) => events.onEvent(new ChannelEvent(data.body)));
    // Not lingering, FreeSWITCH may say goodbye as the channel goes down, before its
    // CHANNEL_HANGUP (and the cause in it) reaches the socket. Lingering, every event of
    // the hangup comes; the socket is closed after the last (HANGUP_COMPLETE), or a
    // while after the linger notice should that never come.
    this.connection.on('CHANNEL_HANGUP_COMPLETE', () => this.connection.end());
    this.connection.on('cleanup_linger', () => setTimeout(() => this.connection.end(), LINGER_MS).unref());
    this.connection.on('cleanup_disconnect', () => this.connection.end());
    onClosed(this.connection, () => {
      this.metrics.eslConnections.dec({ kind: 'outbound' });
      events.onGone();
    });
    this.metrics.eslConnections.inc({ kind: 'outbound' });
    await this.command('event', () => this.connection.event_json(...CALL_EVENTS, 'CHANNEL_HANGUP_COMPLETE'));
    await this.command('linger', () => this.connection.linger());
  }

  async execute(app: string, arg: string, appUuid: string): Promise<void> {
    await this.command('execute', () => this.connection.execute(app, arg, undefined, appUuid), `execute ${app}`);
  }

  async hangup(cause: string): Promise<void> {
    await this.command('hangup', () => this.connection.hangup(cause));
  }

  async api(command: string): Promise<string> {
    return this.command(command.split(' ', 1)[0] ?? command, async () => (await this.connection.api(command, COMMAND_TIMEOUT_MS)).body, command);
  }

  async sendEvent(name: string, headers: Record<string, string>): Promise<void> {
    await this.command('sendevent', () => this.connection.sendevent(name as Parameters<FreeSwitchResponse['sendevent']>[0], { ...headers }), `sendevent ${name}`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (!this.connection.closed) this.connection.end();
  }

  private async command<T>(name: string, work: () => Promise<T>, text = name): Promise<T> {
    return this.metrics.timed(name, async () => {
      try {
        return await work();
      } catch (error) {
        throw eslFailure(text, error);
      }
    });
  }
}

/** A leg reached through the media server's inbound socket (one call-manager originated). */
export class InboundLink implements LegLink {
  readonly kind = 'inbound';

  constructor(
    readonly server: MediaServer,
    readonly channelId: string,
  ) {}

  execute(app: string, arg: string, appUuid: string): Promise<void> {
    return this.server.execute(this.channelId, app, arg, appUuid);
  }

  hangup(cause: string): Promise<void> {
    return this.server.hangup(this.channelId, cause);
  }

  api(command: string): Promise<string> {
    return this.server.api(command);
  }

  sendEvent(name: string, headers: Record<string, string>): Promise<void> {
    return this.server.sendevent(name, headers);
  }

  release(): void {
    this.server.unwatch(this.channelId);
  }
}
