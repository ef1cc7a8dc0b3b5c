import { FreeSwitchServer, type FreeSwitchResponse, type StringMap } from 'esl';
import type { Logger } from '@voxmesh/telemetry';
import { parseListenAddr } from '@voxmesh/telemetry';
import { ChannelEvent } from './event.js';
import { eslLogger } from './esl-logger.js';
import { onClosed } from './socket-closed.js';

export interface SocketServerOptions {
  listenAddr: string;
  logger: Logger;
  /** A new inbound call: its socket and the channel data `connect` answered with. */
  onCall(connection: FreeSwitchResponse, data: ChannelEvent): void;
}

/**
 * The outbound-socket server: FreeSWITCH's dialplan (`socket <addr> async full`) hands
 * each inbound call to it. esl answers `connect`, filters the socket to the call's
 * channel and subscribes CHANNEL_EXECUTE_COMPLETE and BACKGROUND_JOB (`all_events:
 * false`: a socket subscribed to everything would carry every state change of the call).
 */
export class SocketServer {
  private readonly server: FreeSwitchServer;
  private readonly open = new Set<FreeSwitchResponse>();
  private address: { host: string; port: number } | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: SocketServerOptions) {
    this.server = new FreeSwitchServer({ all_events: false, my_events: true, logger: eslLogger(options.logger) });
    this.server.on('connection', (connection, { data }) => {
      this.open.add(connection);
      onClosed(connection, () => this.open.delete(connection));
      options.onCall(connection, new ChannelEvent(data as StringMap));
    });
    // A call that hung up before esl finished its set-up: nothing to run.
    this.server.on('error', (error) => options.logger.debug({ err: error }, 'outbound socket could not be set up'));
  }

  async start(): Promise<{ host: string; port: number }> {
    const { host, port } = parseListenAddr(this.options.listenAddr);
    await this.server.listen({ host: host ?? '0.0.0.0', port });
    // esl does not expose the bound address; with port 0 (tests) it is the only way to learn it.
    const address = (this.server as unknown as { __server: import('node:net').Server }).__server.address();
    this.address = typeof address === 'object' && address !== null ? { host: address.address, port: address.port } : { host: host ?? '0.0.0.0', port };
    return this.address;
  }

  get listening(): { host: string; port: number } | undefined {
    return this.address;
  }

  /** Takes no new calls; the sockets open go on. */
  stopListening(): void {
    if (this.closing) return;
    // net.Server's close resolves only once every socket has ended; it is awaited in stop().
    this.closing = this.server.close().catch(() => undefined);
  }

  /** Stops taking calls and ends the sockets still open (their calls hang up, as FreeSWITCH does without socket_resume). */
  async stop(): Promise<void> {
    this.stopListening();
    for (const connection of this.open) connection.end();
    await Promise.race([this.closing, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }
}
