import net from 'node:net';
import type { Logger } from '@voxmesh/telemetry';
import { EslConnection } from './connection/esl-connection.js';
import type { Core } from './core/core.js';
import { SHUTTING_DOWN } from './protocol/frames.js';

export interface InboundServerOptions {
  core: Core;
  logger: Logger;
  password: string;
  host: string | undefined;
  port: number;
}

/** The event socket's listening side (port 8021): each client gets an inbound-mode listener. */
export class InboundServer {
  private readonly server: net.Server;
  private readonly connections = new Set<EslConnection>();

  constructor(private readonly options: InboundServerOptions) {
    this.server = net.createServer({ noDelay: true }, (socket) => {
      const connection = new EslConnection({ socket, core: options.core, logger: options.logger, mode: 'inbound', password: options.password });
      this.connections.add(connection);
      void connection.ended.then(() => this.connections.delete(connection));
    });
  }

  get count(): number {
    return this.connections.size;
  }

  start(): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: this.options.host, port: this.options.port }, () => {
        this.server.removeListener('error', reject);
        const address = this.server.address() as net.AddressInfo;
        resolve({ host: address.address, port: address.port });
      });
    });
  }

  /** Stops listening and ends every client with the shutdown notice. */
  async stop(): Promise<void> {
    const closed = this.server.listening ? new Promise<void>((resolve) => this.server.close(() => resolve())) : Promise.resolve();
    const connections = [...this.connections];
    for (const connection of connections) connection.stop(SHUTTING_DOWN);
    await Promise.all([closed, ...connections.map((connection) => connection.ended)]);
  }
}
