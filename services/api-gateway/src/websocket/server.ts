import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { parseListenAddr, type Logger } from '@voxmesh/telemetry';
import { RateLimiter } from '../http/rate-limit.js';
import type { Principal } from '../http/types.js';
import type { GatewayMetrics } from '../metrics.js';
import type { Hub, SocketSession } from './hub.js';
import type { BlackholeProtocol } from './protocol.js';

export interface WebsocketServerOptions {
  hub: Hub;
  protocol: BlackholeProtocol;
  metrics: GatewayMetrics;
  logger: Logger;
  maxPerIp: number;
  rate: number;
  burst: number;
  pingMs: number;
  trustProxy: boolean;
}

/** A frame a slow reader has not taken past this many bytes is dropped, not queued forever. */
const MAX_BUFFERED = 1024 * 1024;
const MAX_MESSAGE = 64 * 1024;

class Session implements SocketSession {
  readonly id: string;
  readonly connectedAt = new Date().toISOString();
  principal: Principal | undefined;
  name: string | undefined;
  metadata: Record<string, unknown> | undefined;
  alive = true;

  constructor(
    readonly socket: WebSocket,
    readonly source: string,
  ) {
    this.id = randomBytes(16).toString('hex');
  }

  send(frame: Record<string, unknown>): boolean {
    if (this.socket.readyState !== this.socket.OPEN || this.socket.bufferedAmount > MAX_BUFFERED) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }
}

function reject(socket: Socket, status: number, reason: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ status: 'error', error: String(status), message: reason });
  const lines = [`HTTP/1.1 ${status} ${reason}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/**
 * Blackhole's websocket endpoint on its own port. The upgrade is refused with 429 past
 * the per-address connection limit and with 400 when a sub-protocol is asked for (as
 * blackhole does); sockets are pinged and dropped when they stop answering.
 */
export class WebsocketServer {
  private server: Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE, perMessageDeflate: false });
  private readonly perIp = new Map<string, number>();
  private readonly sessions = new Set<Session>();
  private readonly limiter: RateLimiter;
  private pinger: NodeJS.Timeout | undefined;

  constructor(private readonly options: WebsocketServerOptions) {
    this.limiter = new RateLimiter(options.rate, options.burst);
  }

  async listen(addr: string): Promise<AddressInfo> {
    const { host, port } = parseListenAddr(addr);
    const server = createServer((request, response) => {
      response.writeHead(426, { 'content-type': 'application/json', upgrade: 'websocket' });
      response.end(JSON.stringify({ status: 'error', error: '426', message: 'upgrade required: this port speaks websockets' }));
    });
    server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(request, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.pinger = setInterval(() => this.ping(), this.options.pingMs);
    this.pinger.unref();
    return server.address() as AddressInfo;
  }

  private clientIp(request: IncomingMessage): string {
    if (this.options.trustProxy) {
      const forwarded = request.headers['x-forwarded-for'];
      const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
      if (first) return first;
    }
    return request.socket.remoteAddress ?? 'unknown';
  }

  private upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', () => undefined);
    const ip = this.clientIp(request);
    const held = this.perIp.get(ip) ?? 0;
    if (this.options.maxPerIp > 0 && held >= this.options.maxPerIp) {
      this.options.metrics.wsRejected.inc({ reason: 'per_ip_limit' });
      reject(socket, 429, 'Too Many Requests', { 'Retry-After': '10' });
      return;
    }
    if (request.headers['sec-websocket-protocol'] !== undefined) {
      this.options.metrics.wsRejected.inc({ reason: 'subprotocol' });
      reject(socket, 400, 'Bad Request');
      return;
    }
    this.perIp.set(ip, held + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const left = (this.perIp.get(ip) ?? 1) - 1;
      if (left <= 0) this.perIp.delete(ip);
      else this.perIp.set(ip, left);
    };
    socket.once('close', release);
    try {
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, `${ip}:${request.socket.remotePort ?? 0}`, release));
    } catch (error) {
      release();
      this.options.logger.debug({ err: error }, 'websocket upgrade failed');
      socket.destroy();
    }
  }

  private accept(ws: WebSocket, source: string, release: () => void): void {
    const session = new Session(ws, source);
    this.sessions.add(session);
    this.options.hub.add(session);
    this.options.metrics.wsConnections.inc();
    // Messages of one socket are handled in order, as blackhole's per-session process does.
    let chain = Promise.resolve();
    ws.on('message', (raw, isBinary) => {
      session.alive = true;
      chain = chain.then(async () => {
        const text = isBinary ? '' : raw.toString();
        const reply = await this.options.protocol.handle(session, this.limiter, text);
        if (reply) session.send(reply);
      });
    });
    ws.on('pong', () => (session.alive = true));
    ws.on('error', () => undefined);
    ws.on('close', () => {
      this.sessions.delete(session);
      this.options.hub.remove(session);
      this.options.metrics.wsConnections.dec();
      release();
    });
  }

  private ping(): void {
    for (const session of this.sessions) {
      if (!session.alive) {
        session.socket.terminate();
        continue;
      }
      session.alive = false;
      try {
        session.socket.ping();
      } catch {
        session.socket.terminate();
      }
    }
  }

  /** Says goodbye to every socket (1001 going away), then stops listening. */
  async close(): Promise<void> {
    if (this.pinger) clearInterval(this.pinger);
    for (const session of this.sessions) session.socket.close(1001, 'server shutting down');
    const server = this.server;
    this.server = undefined;
    const deadline = Date.now() + 2000;
    while (this.sessions.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const session of this.sessions) session.socket.terminate();
    this.wss.close();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
