import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  contentType: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A customer's HTTP server in a test: keeps every request whole, in arrival order, and
 * answers each with `status` (an upload target, a webhook receiver).
 */
export class HttpReceiver {
  readonly received: ReceivedRequest[] = [];
  private server: Server | undefined;
  private address = '';

  constructor(private readonly status = 201) {}

  /** `http://127.0.0.1:<port>`, once started. */
  get base(): string {
    return this.address;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'] ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(this.status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.server = server;
    this.address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
