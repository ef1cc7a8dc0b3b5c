import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { emptyRecord, ForbiddenKeyError, parseJson } from '@voxmesh/wire';
import { TargetGuard, type Resolver } from '@voxmesh/http-guard';
import type { ActionFetcher, FetchRequest, FetchResult, FormValue, HttpExchange, HttpExchangeRequest } from '../actions/types.js';
import type { FlowMetrics } from '../metrics.js';

/** The most a fetch answer may weigh; more is refused rather than read into memory. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpFetcherOptions {
  metrics: FlowMetrics;
  /** Let fetches reach private and loopback addresses (development, tests). */
  allowPrivate: boolean;
  /** How names are resolved; the system's resolver unless a test says otherwise. */
  resolver?: Resolver;
  /**
   * Let fetch and Pivot reach this machine (127.0.0.0/8, ::1, localhost) while private
   * networks stay closed: `npm start` on the embedded stand-ins, where the customer's server is local.
   */
  allowLoopback?: boolean;
}

/**
 * The customer's server, over HTTP with a hard timeout (voipbin's had none), a size cap
 * and no redirects (a redirect is an answer, not a way around the address check), to
 * no address the target guard refuses (checked on the address connected to). POST
 * and PUT send the payload as JSON; GET sends the activeflow's ids in the query. Pivot's
 * requests are form-encoded instead: every field, in the query of a GET or the body.
 */
export class HttpFetcher implements ActionFetcher {
  private readonly guard: TargetGuard;

  constructor(private readonly options: HttpFetcherOptions) {
    this.guard = new TargetGuard({
      allowPrivate: options.allowPrivate,
      allowLoopback: options.allowLoopback === true,
      allowFlag: '-fetch_allow_private',
      ...(options.resolver ? { resolver: options.resolver } : {}),
    });
  }

  async fetch(request: FetchRequest): Promise<FetchResult> {
    const result = await this.send(request);
    this.options.metrics.fetches.inc({ outcome: result.ok ? 'ok' : result.status });
    return result;
  }

  async exchange(request: HttpExchangeRequest): Promise<HttpExchange> {
    const result = await this.sendPrepared(request);
    this.options.metrics.fetches.inc({ outcome: !result.ok ? result.status : result.status >= 200 && result.status < 300 ? 'ok' : 'http_error' });
    return result;
  }

  /**
   * Pivot's request: sent as built (it is signed, so nothing may change it), with a
   * connect timeout of its own, and the answer read as text whatever its status, so the
   * caller can log it and read it by its Content-Type.
   */
  private sendPrepared(request: HttpExchangeRequest): Promise<HttpExchange> {
    const url = new URL(request.url);
    const refused = this.refusal(url);
    if (refused) return Promise.resolve(refused);
    const headers: Record<string, string> = { 'user-agent': 'voxmesh-flow-manager', ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    return this.transmit(url, { method: request.method, headers, body: request.body, timeoutMs: request.timeoutMs, connectTimeoutMs: request.connectTimeoutMs }, readText);
  }

  private send(request: FetchRequest): Promise<FetchResult> {
    const url = new URL(request.url);
    const refused = this.refusal(url);
    if (refused) return Promise.resolve(refused);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'voxmesh-flow-manager' };
    let body: string | undefined;
    if (request.encoding === 'form') {
      const pairs = formPairs(request.payload);
      if (request.method === 'GET') {
        for (const [key, value] of pairs) url.searchParams.append(key, value);
      } else {
        body = new URLSearchParams(pairs).toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
    } else if (request.method === 'GET') {
      for (const key of ['activeflow_id', 'reference_type', 'reference_id', 'flow_id', 'current_action_id']) {
        const value = request.payload[key];
        if (typeof value === 'string' && value !== '') url.searchParams.set(key, value);
      }
    } else {
      body = JSON.stringify(request.payload);
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    // Without a connection deadline no answer is a connect_timeout: a FetchResult's statuses.
    return this.transmit(url, { method: request.method, headers, body, timeoutMs: request.timeoutMs }, readAnswer) as Promise<FetchResult>;
  }

  /** What the guard refuses without DNS (another scheme, a private literal, localhost), as an answer. */
  private refusal(url: URL): (Failure & { status: 'refused' }) | undefined {
    try {
      this.guard.checkUrl(url);
      return undefined;
    } catch (error) {
      return { ok: false, status: 'refused', message: (error as Error).message };
    }
  }

  /**
   * One request, connected through the guard's lookup, answered by `read` or ended by the
   * first of its deadlines: the whole exchange's, and the connection's when one is given.
   */
  private transmit<T>(url: URL, request: Outgoing, read: (response: IncomingMessage) => Promise<T | Failure>): Promise<T | Failure> {
    return new Promise((resolve) => {
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;
      const finish = (result: T | Failure) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(connectTimer);
        resolve(result);
      };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send(url, { method: request.method, headers: request.headers, lookup: this.guard.lookup }, (response) => {
        void read(response).then(finish);
      });
      const timer = setTimeout(() => {
        finish({ ok: false, status: 'timeout', message: `no answer within ${request.timeoutMs} ms` });
        outgoing.destroy();
      }, request.timeoutMs);
      if (request.connectTimeoutMs !== undefined) {
        const limit = request.connectTimeoutMs;
        connectTimer = setTimeout(() => {
          finish({ ok: false, status: 'connect_timeout', message: `no connection within ${limit} ms` });
          outgoing.destroy();
        }, limit);
        outgoing.on('socket', (socket) => {
          // A reused or already open socket has nothing left to wait for.
          if (!socket.connecting) clearTimeout(connectTimer);
          else socket.once('connect', () => clearTimeout(connectTimer));
        });
      }
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (error.name === 'TargetRefused') finish({ ok: false, status: 'refused', message: error.message });
        else finish({ ok: false, status: 'network_error', message: error.code ?? error.message });
      });
      outgoing.end(request.body);
    });
  }
}

/** How a request of either kind went wrong before an answer could be read. */
type Failure = { ok: false; status: 'timeout' | 'connect_timeout' | 'network_error' | 'refused'; message: string };

interface Outgoing {
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer | undefined;
  timeoutMs: number;
  connectTimeoutMs?: number;
}

/** Flattens fields as Kazoo's Pivot encodes them: `k[sub]=v` for maps, `k[]=v` for lists. */
export function formPairs(fields: Record<string, FormValue>): [string, string][] {
  const pairs: [string, string][] = [];
  const add = (key: string, value: FormValue) => {
    if (typeof value === 'string') pairs.push([key, value]);
    else if (Array.isArray(value)) for (const item of value) add(`${key}[]`, item);
    else for (const [sub, item] of Object.entries(value)) add(`${key}[${sub}]`, item);
  };
  for (const [key, value] of Object.entries(fields)) add(key, value);
  return pairs;
}

/** An answer's status, headers (lower-case names, repeated ones joined) and body as text, within the size cap. */
function readText(response: IncomingMessage): Promise<HttpExchange> {
  return new Promise((resolve) => {
    const status = response.statusCode ?? 0;
    const headers = emptyRecord<string>();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        response.destroy();
        resolve({ ok: false, status: 'too_large', message: `the answer is larger than ${MAX_BODY_BYTES} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    response.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, status: 'network_error', message: error.code ?? error.message }));
    response.on('end', () => resolve({ ok: true, status, headers, body: Buffer.concat(chunks).toString('utf8') }));
  });
}

function readAnswer(response: IncomingMessage): Promise<FetchResult> {
  return new Promise((resolve) => {
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) {
      response.resume();
      resolve({ ok: false, status: 'http_error', message: `the server answered ${status}` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        response.destroy();
        resolve({ ok: false, status: 'too_large', message: `the answer is larger than ${MAX_BODY_BYTES} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    response.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, status: 'network_error', message: error.code ?? error.message }));
    response.on('end', () => {
      try {
        resolve({ ok: true, body: parseJson(Buffer.concat(chunks)) });
      } catch (error) {
        const message = error instanceof ForbiddenKeyError ? `the answer holds a forbidden key: ${error.field}` : 'the answer is not JSON';
        resolve({ ok: false, status: 'bad_json', message });
      }
    });
  });
}
