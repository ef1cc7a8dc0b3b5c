import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { TargetRefused, type TargetGuard } from './target-guard.js';

export interface HttpSenderOptions {
  guard: TargetGuard;
  connectTimeoutMs: number;
  /** The whole request, from the first byte sent to the last byte read. */
  requestTimeoutMs: number;
  /** Bytes of the response body kept; the rest is not read. */
  responseLimitBytes: number;
  userAgent?: string;
  /** Sockets per origin; the delivery concurrency bounds what is really used. */
  maxSockets?: number;
}

export interface OutgoingRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export type FailureReason = 'timeout' | 'connect timeout' | 'target refused' | 'http client error';

export type HttpOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string; truncated: boolean; elapsedMs: number }
  | { kind: 'error'; reason: FailureReason; message: string; elapsedMs: number };

type ResponseOutcome = Extract<HttpOutcome, { kind: 'response' }>;

class Timeout extends Error {
  constructor(readonly reason: 'timeout' | 'connect timeout', message: string) {
    super(message);
    this.name = 'Timeout';
  }
}

/**
 * The HTTP client of deliveries: kept-alive connections, a connect timeout and a
 * whole-request timeout, a capped response read, no redirects followed, and every
 * connection made only to an address the target guard accepted.
 */
export class HttpSender {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;
  private readonly lookup: LookupFunction;

  constructor(private readonly options: HttpSenderOptions) {
    // Idle connections are closed after 30 s so that receivers seen once do not hold sockets forever.
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 256, maxFreeSockets: options.maxSockets ?? 256, timeout: 30_000 };
    this.httpAgent = new HttpAgent(agentOptions);
    this.httpsAgent = new HttpsAgent(agentOptions);
    this.lookup = (hostname, lookupOptions, callback) => {
      options.guard.resolve(hostname).then(
        (addresses) => {
          if (lookupOptions.all) {
            callback(null, addresses);
            return;
          }
          const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? addresses.find((each) => each.family === lookupOptions.family) : undefined;
          const chosen = wanted ?? addresses[0]!;
          callback(null, chosen.address, chosen.family);
        },
        (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
      );
    };
  }

  async send(outgoing: OutgoingRequest): Promise<HttpOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      this.options.guard.checkUrl(outgoing.url);
    } catch (error) {
      return { kind: 'error', reason: 'target refused', message: (error as Error).message, elapsedMs: elapsed() };
    }
    try {
      const response = await this.exchange(outgoing);
      response.elapsedMs = elapsed();
      return response;
    } catch (error) {
      const reason: FailureReason = error instanceof TargetRefused ? 'target refused' : error instanceof Timeout ? error.reason : 'http client error';
      return { kind: 'error', reason, message: describe(error), elapsedMs: elapsed() };
    }
  }

  private exchange(outgoing: OutgoingRequest): Promise<ResponseOutcome> {
    const { url } = outgoing;
    const secure = url.protocol === 'https:';
    // Headers as a flat list, written as they are (Node still refuses invalid characters): the
    // per-header bookkeeping of setHeader is a good part of a small request's cost.
    const headers: string[] = ['Host', url.host];
    if (!('User-Agent' in outgoing.headers)) headers.push('User-Agent', this.options.userAgent ?? 'voxmesh-webhooks/1');
    for (const name in outgoing.headers) headers.push(name, outgoing.headers[name]!);
    if (url.username || url.password) {
      headers.push('Authorization', `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`);
    }
    if (outgoing.body !== undefined) headers.push('Content-Length', String(Buffer.byteLength(outgoing.body)));
    const requestOptions: RequestOptions = {
      method: outgoing.method,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers: headers as unknown as RequestOptions['headers'],
      agent: secure ? this.httpsAgent : this.httpAgent,
      lookup: this.lookup,
    };
    return new Promise((resolve, reject) => {
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;
      const finish = (error: Error | undefined, value?: ResponseOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(overall);
        if (connectTimer !== undefined) clearTimeout(connectTimer);
        if (error) reject(error);
        else resolve(value!);
      };
      const request: ClientRequest = (secure ? httpsRequest : httpRequest)(requestOptions, (response) => this.read(response, request, finish));
      const overall = setTimeout(
        () => request.destroy(new Timeout('timeout', `no complete response within ${this.options.requestTimeoutMs} ms`)),
        this.options.requestTimeoutMs,
      );
      request.on('socket', (socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(
          () => request.destroy(new Timeout('connect timeout', `not connected within ${this.options.connectTimeoutMs} ms`)),
          this.options.connectTimeoutMs,
        );
        socket.once('connect', () => clearTimeout(connectTimer));
      });
      request.on('error', (error) => finish(error));
      request.end(outgoing.body);
    });
  }

  private read(
    response: IncomingMessage,
    request: ClientRequest,
    finish: (error: Error | undefined, value?: ResponseOutcome) => void,
  ): void {
    const limit = this.options.responseLimitBytes;
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (truncated: boolean) =>
      finish(undefined, {
        kind: 'response',
        status: response.statusCode ?? 0,
        // Read only when someone looks (the attempts log, Retry-After): most answers are a plain 2xx.
        get headers() {
          const value = flattenHeaders(response.headers);
          Object.defineProperty(this, 'headers', { value, enumerable: true });
          return value;
        },
        body: chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'),
        truncated,
        elapsedMs: 0,
      });
    response.on('data', (chunk: Buffer) => {
      if (size >= limit) return;
      const room = limit - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(room, chunk.length);
      if (size >= limit) {
        // Enough read; the rest is not worth the time, and the connection goes with it.
        done(true);
        request.destroy();
      }
    });
    response.on('end', () => done(false));
    response.on('error', (error) => finish(error));
    response.on('aborted', () => finish(new Error('response aborted')));
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
