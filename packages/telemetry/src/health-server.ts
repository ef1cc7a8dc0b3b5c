import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { Gauge } from './guarded-metrics.js';
import type { Logger } from './logger.js';

/** A readiness check: resolves true when its dependency can serve. */
export type ReadinessCheck = () => boolean | Promise<boolean>;

export interface HealthServerOptions {
  /** host:port or :port, as `-prom_listen_addr`. */
  listenAddr: string;
  /** The metrics path, as `-prom_endpoint`. */
  endpoint: string;
  registry: Registry;
  logger: Logger;
}

/**
 * Serves Prometheus metrics, `/healthz` (the process is alive) and `/readyz` (every
 * registered check passes: broker connected, database reachable, …) on one port.
 */
export class HealthServer {
  private server: Server | undefined;
  private readonly checks = new Map<string, ReadinessCheck>();
  private draining = false;
  /** One round of checks serves both readiness gauges of a scrape. */
  private snapshot: { at: number; result: Promise<{ ready: boolean; checks: Record<string, boolean> }> } | undefined;

  /**
   * Readiness is also in the metrics, so an alert sees a replica that stays unready
   * (the orchestrator only takes it out of rotation).
   */
  constructor(private readonly options: HealthServerOptions) {
    const registers = [options.registry];
    const latest = () => this.latestReadiness();
    new Gauge({
      name: 'readiness_ready',
      help: '1 while /readyz answers 200: every check passes and the process is not draining.',
      registers,
      async collect() {
        this.set((await latest()).ready ? 1 : 0);
      },
    });
    new Gauge({
      name: 'readiness_check_up',
      help: '1 while the named readiness check (broker, database, cache, …) passes.',
      labelNames: ['check'],
      registers,
      async collect() {
        this.reset();
        for (const [check, up] of Object.entries((await latest()).checks)) this.set({ check }, up ? 1 : 0);
      },
    });
  }

  private latestReadiness(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.at >= 1000) this.snapshot = { at: now, result: this.readiness() };
    return this.snapshot.result;
  }

  addCheck(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** From now on /readyz answers 503, so a load balancer stops sending work. */
  markDraining(): void {
    this.draining = true;
  }

  async readiness(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const checks: Record<string, boolean> = {};
    for (const [name, check] of this.checks) {
      try {
        checks[name] = await check();
      } catch {
        checks[name] = false;
      }
    }
    const ready = !this.draining && Object.values(checks).every(Boolean);
    return { ready, checks };
  }

  async start(): Promise<string> {
    const { host, port } = parseListenAddr(this.options.listenAddr);
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const reply = (status: number, type: string, body: string) => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'text/plain', 'method not allowed\n');
      if (path === this.options.endpoint) {
        this.options.registry
          .metrics()
          .then((text) => reply(200, this.options.registry.contentType, text))
          .catch((error: unknown) => reply(500, 'text/plain', `${String(error)}\n`));
        return;
      }
      if (path === '/healthz') return reply(200, 'application/json', '{"status":"ok"}\n');
      if (path === '/readyz') {
        void this.readiness().then(({ ready, checks }) =>
          reply(ready ? 200 : 503, 'application/json', `${JSON.stringify({ status: ready ? 'ready' : 'not_ready', checks })}\n`),
        );
        return;
      }
      reply(404, 'text/plain', 'not found\n');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    return `${host ?? '0.0.0.0'}:${address.port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Accepts `:2112`, `0.0.0.0:2112`, `[::1]:2112` and `localhost:0`. */
export function parseListenAddr(addr: string): { host: string | undefined; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(addr.trim());
  if (!match) throw new Error(`listen address ${JSON.stringify(addr)} is not host:port`);
  const port = Number(match[3]);
  if (port > 65535) throw new Error(`listen address ${JSON.stringify(addr)} has a port above 65535`);
  const host = match[1] ?? (match[2] === '' ? undefined : match[2]);
  return { host, port };
}
