import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@voxmesh/telemetry';
import { ForbiddenKeyError, parseJson } from '@voxmesh/wire';
import { ControlError } from './control-error.js';
import type { DestinationRequest, DtmfRequest, HangupRequest, PlaceCallRequest, SwitchControl } from './control-requests.js';

export interface ControlApiOptions {
  simulator: SwitchControl;
  logger: Logger;
  host: string | undefined;
  port: number;
}

interface Reply {
  status: number;
  body?: unknown;
  text?: string;
}

type Handler = (params: Record<string, string>, body: unknown) => Reply | Promise<Reply>;

/** Bodies are passed on unchecked: the simulator's methods validate them, as a library must. */
interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handle: Handler;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The control API over HTTP, JSON in and out: place calls, press digits, hang up,
 * inspect calls, and decide how dialled numbers answer. Errors are
 * `{"error": {"field", "message"}}`; the server keeps serving whatever a request holds.
 */
export class ControlApi {
  private readonly server: http.Server;
  private readonly routes: Route[];

  constructor(private readonly options: ControlApiOptions) {
    const sim = options.simulator;
    this.routes = [
      { method: 'GET', path: '/healthz', handle: () => ({ status: 200, body: { status: 'ok' } }) },
      { method: 'GET', path: '/metrics', handle: () => ({ status: 200, text: this.metricsText() }) },
      { method: 'GET', path: '/calls', handle: () => ({ status: 200, body: sim.listCalls() }) },
      { method: 'POST', path: '/calls', handle: (_, body) => ({ status: 201, body: { uuid: sim.placeCall(body as PlaceCallRequest) } }) },
      { method: 'GET', path: '/calls/:uuid', handle: ({ uuid }) => ({ status: 200, body: sim.getCall(uuid!) }) },
      {
        method: 'POST',
        path: '/calls/:uuid/dtmf',
        handle: ({ uuid }, body) => {
          void sim.sendDtmf(uuid!, body as DtmfRequest);
          return { status: 202, body: { uuid, digits: (body as { digits: string }).digits } };
        },
      },
      {
        method: 'POST',
        path: '/calls/:uuid/hangup',
        handle: ({ uuid }, body) => {
          sim.hangup(uuid!, (body ?? {}) as HangupRequest);
          return { status: 200, body: { uuid, hangup_cause: sim.getCall(uuid!).hangup_cause } };
        },
      },
      { method: 'GET', path: '/destinations', handle: () => ({ status: 200, body: sim.listDestinations() }) },
      { method: 'PUT', path: '/destinations/:number', handle: ({ number }, body) => ({ status: 200, body: sim.setDestination(number!, body as DestinationRequest) }) },
      {
        method: 'DELETE',
        path: '/destinations/:number',
        handle: ({ number }) => {
          sim.deleteDestination(number!);
          return { status: 204 };
        },
      },
    ];
    this.server = http.createServer((req, res) => void this.serve(req, res));
    this.server.keepAliveTimeout = 1000;
  }

  start(): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: this.options.host, port: this.options.port }, () => {
        this.server.removeListener('error', reject);
        const address = this.server.address() as AddressInfo;
        resolve({ host: address.address, port: address.port });
      });
    });
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      reply = await this.route(req);
    } catch (error) {
      if (error instanceof ControlError) {
        reply = { status: error.status, body: error.toJSON() };
      } else {
        this.options.logger.error({ err: error, url: req.url }, 'control API request failed');
        reply = { status: 500, body: { error: { message: 'internal error' } } };
      }
    }
    if (reply.text !== undefined) {
      res.writeHead(reply.status, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(reply.text);
    } else if (reply.body === undefined) {
      res.writeHead(reply.status);
      res.end();
    } else {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify(reply.body)}\n`);
    }
  }

  private async route(req: http.IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const segments = url.pathname.split('/').filter((s) => s !== '');
    let pathMatched = false;
    for (const route of this.routes) {
      const params = match(route.path, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== req.method) continue;
      const body = route.method === 'POST' || route.method === 'PUT' ? await readJson(req) : undefined;
      return route.handle(params, body);
    }
    await drain(req);
    if (pathMatched) throw new ControlError(405, `${req.method ?? ''} is not allowed on ${url.pathname}`);
    return { status: 404, body: { error: { message: `no such resource ${url.pathname}` } } };
  }

  private metricsText(): string {
    const m = this.options.simulator.metrics();
    return [
      '# HELP esl_sim_channels Channels that exist now.',
      '# TYPE esl_sim_channels gauge',
      `esl_sim_channels ${m.channels}`,
      '# HELP esl_sim_calls_total Channels created since start.',
      '# TYPE esl_sim_calls_total counter',
      `esl_sim_calls_total{direction="inbound"} ${m.callsTotal.inbound}`,
      `esl_sim_calls_total{direction="outbound"} ${m.callsTotal.outbound}`,
      '# HELP esl_sim_event_socket_connections Event-socket connections open now.',
      '# TYPE esl_sim_event_socket_connections gauge',
      `esl_sim_event_socket_connections{mode="inbound"} ${m.eslConnections.inbound}`,
      `esl_sim_event_socket_connections{mode="outbound"} ${m.eslConnections.outbound}`,
      '',
    ].join('\n');
  }
}

function match(path: string, segments: string[]): Record<string, string> | undefined {
  const parts = path.split('/').filter((s) => s !== '');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ControlError(413, 'the body is larger than 1 MB', 'body');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return parseJson(text);
  } catch (error) {
    if (error instanceof ForbiddenKeyError) throw ControlError.invalid(error.field, error.message);
    throw ControlError.invalid('body', `the body is not JSON: ${(error as Error).message}`);
  }
}

async function drain(req: http.IncomingMessage): Promise<void> {
  for await (const _ of req) {
    // Read and dropped, so the connection can serve the next request.
  }
}
