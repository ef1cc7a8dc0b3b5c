import { Agent, type Dispatcher } from 'undici';
import { emptyRecord } from '@voxmesh/wire';
import { TargetRefused, type TargetGuard } from '@voxmesh/http-guard';

export interface HttpSenderOptions {
  guard: TargetGuard;
  connectTimeoutMs: number;
  /** The whole request, from the first byte sent to the last byte read. */
  requestTimeoutMs: number;
  /** Bytes of the response body kept; the rest is not read. */
  responseLimitBytes: number;
  userAgent?: string;
  /** Connections per origin; the delivery concurrency bounds what is really used. */
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

class Timeout extends Error {
  constructor(readonly reason: 'timeout' | 'connect timeout', message: string) {
    super(message);
    this.name = 'Timeout';
  }
}

/** The parts of a target's URL a request needs, worked out once per URL rather than per attempt. */
interface Target {
  origin: string;
  path: string;
  authorization: string | undefined;
}

/**
 * The HTTP client of deliveries: kept-alive connections pooled per origin, a connect
 * timeout and a whole-request timeout, a capped response read, no redirects followed,
 * and every connection made only to an address the target guard accepted.
 *
 * It sits on undici's dispatcher rather than node:http: a delivery is a small request
 * and a small answer, and node:http's per-request machinery (ClientRequest, the agent's
 * socket hand-over, IncomingMessage streams) cost about as much CPU as the rest of an
 * attempt. Here a request is a plain object and its answer comes to one handler.
 */
export class HttpSender {
  private readonly agent: Agent;
  private readonly targets = new WeakMap<URL, Target>();
  private readonly userAgent: string;

  constructor(private readonly options: HttpSenderOptions) {
    this.userAgent = options.userAgent ?? 'voxmesh-webhooks/1';
    this.agent = new Agent({
      connections: options.maxSockets ?? 256,
      connectTimeout: options.connectTimeoutMs,
      // The whole-request timer below is what bounds a request; these only back it up.
      headersTimeout: options.requestTimeoutMs,
      bodyTimeout: options.requestTimeoutMs,
      // Idle connections are closed after 30 s so that receivers seen once do not hold sockets forever.
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 30_000,
      // Connections are made only to addresses the guard checked, looked up once per connection.
      connect: { lookup: options.guard.lookup },
    });
  }

  async send(outgoing: OutgoingRequest): Promise<HttpOutcome> {
    const started = performance.now();
    try {
      this.options.guard.checkUrl(outgoing.url);
    } catch (error) {
      return { kind: 'error', reason: 'target refused', message: (error as Error).message, elapsedMs: Math.round(performance.now() - started) };
    }
    try {
      const response = await this.exchange(outgoing);
      response.elapsedMs = Math.round(performance.now() - started);
      return response;
    } catch (error) {
      const reason = reasonOf(error);
      return { kind: 'error', reason, message: describe(error), elapsedMs: Math.round(performance.now() - started) };
    }
  }

  private targetOf(url: URL): Target {
    let target = this.targets.get(url);
    if (target === undefined) {
      const authorization =
        url.username || url.password ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` : undefined;
      target = { origin: url.origin, path: `${url.pathname}${url.search}`, authorization };
      this.targets.set(url, target);
    }
    return target;
  }

  private exchange(outgoing: OutgoingRequest): Promise<ResponseOutcome> {
    const target = this.targetOf(outgoing.url);
    // Headers as a flat list, as undici takes them; it still refuses invalid characters.
    const headers: string[] = [];
    if (!('User-Agent' in outgoing.headers)) headers.push('User-Agent', this.userAgent);
    for (const name in outgoing.headers) headers.push(name, outgoing.headers[name]!);
    if (target.authorization !== undefined) headers.push('Authorization', target.authorization);
    return new Promise((resolve, reject) => {
      const exchange = new Exchange(this.options.responseLimitBytes, resolve, reject);
      exchange.timer = setTimeout(() => exchange.abort(new Timeout('timeout', `no complete response within ${this.options.requestTimeoutMs} ms`)), this.options.requestTimeoutMs);
      this.agent.dispatch(
        { origin: target.origin, path: target.path, method: outgoing.method as Dispatcher.HttpMethod, headers, body: outgoing.body ?? null },
        exchange,
      );
    });
  }

  close(): void {
    void this.agent.destroy().catch(() => undefined);
  }
}

type ResponseOutcome = Extract<HttpOutcome, { kind: 'response' }>;

/**
 * One request's answer, read as undici hands it over: the status, the raw headers (turned
 * into a record only when someone looks: most answers are a plain 2xx), and the body up
 * to the limit. Reaching the limit ends the request and its connection.
 */
class Exchange implements Dispatcher.DispatchHandler {
  timer: NodeJS.Timeout | undefined;
  private settled = false;
  private abortRequest: ((error: Error) => void) | undefined;
  private pendingAbort: Error | undefined;
  private status = 0;
  private rawHeaders: Buffer[] = [];
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly limit: number,
    private readonly resolve: (outcome: ResponseOutcome) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  /** Ends the request with `error` now, or as soon as it has a connection. */
  abort(error: Error): void {
    if (this.abortRequest) this.abortRequest(error);
    else this.pendingAbort = error;
    // A request still waiting for a connection has nothing to abort yet: it fails now all the same.
    this.fail(error);
  }

  onConnect(abort: (error?: Error) => void): void {
    this.abortRequest = abort;
    if (this.pendingAbort) abort(this.pendingAbort);
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.size >= this.limit) return true;
    const room = this.limit - this.size;
    this.chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    this.size += Math.min(room, chunk.length);
    if (this.size >= this.limit) {
      // Enough read; the rest is not worth the time, and the connection goes with it.
      this.succeed(true);
      this.abortRequest?.(new Error('response limit reached'));
    }
    return true;
  }

  onComplete(): void {
    this.succeed(false);
  }

  onError(error: Error): void {
    this.fail(error);
  }

  private succeed(truncated: boolean): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    const rawHeaders = this.rawHeaders;
    this.resolve({
      kind: 'response',
      status: this.status,
      get headers() {
        const value = flattenHeaders(rawHeaders);
        Object.defineProperty(this, 'headers', { value, enumerable: true });
        return value;
      },
      body: this.chunks.length === 1 ? this.chunks[0]!.toString('utf8') : Buffer.concat(this.chunks).toString('utf8'),
      truncated,
      elapsedMs: 0,
    });
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.reject(error);
  }
}

/** Header names in lower case; a repeated header's values joined with ", " (as node:http does). */
function flattenHeaders(raw: Buffer[]): Record<string, string> {
  // Header names come from the receiver: `constructor` must be a header, not Object's.
  const flat = emptyRecord<string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString('latin1');
    flat[name] = name in flat ? `${flat[name]}, ${value}` : value;
  }
  return flat;
}

function reasonOf(error: unknown): FailureReason {
  if (error instanceof TargetRefused) return 'target refused';
  if (error instanceof Timeout) return error.reason;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect timeout';
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  return 'http client error';
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
