import net from 'node:net';
import type { Logger } from '@voxmesh/telemetry';
import { EslConnection } from './connection/esl-connection.js';
import type { OutboundConnector } from './core/core.js';
import type { Session } from './core/session.js';
import { GOODBYE } from './protocol/frames.js';

export interface OutboundConnectorOptions {
  logger: Logger;
  /** How long a connection attempt to one application address may take, in real ms. */
  connectTimeoutMs?: number;
  /** How long the application may take to send `connect`, in real ms (FreeSWITCH: 25 s). */
  firstCommandTimeoutMs?: number;
}

/** `host:port`, `[v6]:port` or a bare host (port 8084), with an optional `/path`. */
export function parseSocketTarget(target: string): { host: string; port: number; path: string | undefined } {
  const slash = target.indexOf('/', target.lastIndexOf(']') + 1);
  const address = slash < 0 ? target : target.slice(0, slash);
  const path = slash < 0 ? undefined : target.slice(slash + 1);
  const match = /^(?:\[([^\]]+)\]|([^:]*))(?::(\d+))?$/.exec(address);
  const host = match?.[1] ?? match?.[2] ?? address;
  return { host: host === '' ? '127.0.0.1' : host, port: match?.[3] ? Number(match[3]) : 8084, path };
}

/**
 * The outbound side of mod_event_socket: for a call's `socket` application it
 * connects to the application's socket server, trying the addresses in order, and
 * runs an outbound-mode listener on the connection.
 */
export class OutboundSocketConnector implements OutboundConnector {
  private readonly connections = new Set<EslConnection>();

  constructor(private readonly options: OutboundConnectorOptions) {}

  get count(): number {
    return this.connections.size;
  }

  async connect(session: Session, targets: string[], flags: { async: boolean; full: boolean }): Promise<EslConnection | undefined> {
    for (const target of targets) {
      if (!session.up) return undefined;
      const { host, port, path } = parseSocketTarget(target);
      const socket = await this.open(host, port, session);
      if (!socket) {
        this.options.logger.warn({ uuid: session.uuid, target }, 'outbound socket: cannot connect');
        continue;
      }
      session.channel.setVariable('socket_host', host);
      if (path !== undefined) session.channel.setVariable('socket_path', path);
      const connection = new EslConnection({
        socket,
        core: session.core,
        logger: this.options.logger,
        mode: 'outbound',
        session,
        async: flags.async,
        full: flags.full,
        firstCommandTimeoutMs: this.options.firstCommandTimeoutMs ?? 25_000,
      });
      this.connections.add(connection);
      void connection.ended.then(() => this.connections.delete(connection));
      return connection;
    }
    return undefined;
  }

  /** Connects, giving up on a timeout or when the call hangs up meanwhile. */
  private open(host: string, port: number, session: Session): Promise<net.Socket | undefined> {
    return new Promise((resolve) => {
      let settled = false;
      const socket = net.connect({ host, port, noDelay: true, keepAlive: true });
      const timer = setTimeout(() => fail(), this.options.connectTimeoutMs ?? 5000);
      const fail = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        resolve(undefined);
      };
      void session.hungUp.then(fail);
      socket.once('error', fail);
      socket.once('connect', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.removeListener('error', fail);
        resolve(socket);
      });
    });
  }

  async stopAll(message: string = GOODBYE): Promise<void> {
    const connections = [...this.connections];
    for (const connection of connections) connection.stop(message);
    await Promise.all(connections.map((connection) => connection.ended));
  }
}
