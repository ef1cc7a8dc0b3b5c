import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a webhook receiver took. */
export interface Delivery {
  path: string;
  eventId: string;
  hookEvent: string;
  body: string;
}

/** A customer's webhook endpoint: answers 200 to everything and keeps what came. */
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  private server: Server | undefined;
  private base = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.deliveries.push({
          path: request.url ?? '',
          eventId: String(request.headers['x-event-id'] ?? ''),
          hookEvent: String(request.headers['x-hook-event'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  on(path: string): Delivery[] {
    return this.deliveries.filter((delivery) => delivery.path === path);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
