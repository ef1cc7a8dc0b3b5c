import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Logger } from '@voxmesh/telemetry';
import { emptyRecord, httpMethods, Router, type HttpMethod, type RouteTable } from '@voxmesh/wire';
import { parseListenAddr } from '@voxmesh/telemetry';
import type { GatewayMetrics } from '../metrics.js';
import { tokenOf, type AccountScope, type TokenValidator } from './auth.js';
import { errorBody, successBody, toCrossbarError, validationError, type ReplyMeta } from './crossbar.js';
import { HttpError } from './errors.js';
import { parseJsonBody } from './json.js';
import type { RateLimiter } from './rate-limit.js';
import type { SharedRateLimiter } from './shared-rate-limit.js';
import type { ApiContext, ApiReply, ApiRoute, FileReply, Principal } from './types.js';

export interface StaticPages {
  openapi(): unknown;
  docsHtml(): string;
}

export interface HttpApiOptions {
  routes: ApiRoute[];
  validator: TokenValidator;
  scope: AccountScope;
  /** Per replica for every request; sign-in attempts share one limit across replicas. */
  limits: { ip: RateLimiter; account: RateLimiter; auth: SharedRateLimiter };
  metrics: GatewayMetrics;
  logger: Logger;
  maxBodyBytes: number;
  trustProxy: boolean;
  /** This replica's name, in every reply (crossbar's `node`). */
  node: string;
  version: string;
  pages: StaticPages;
}

/** Envelope keys crossbar reads; anything else at the top level is refused. */
const ENVELOPE_KEYS = new Set(['data', 'auth_token', 'verb', 'request_id']);
/** Envelope keys only a route that reads the whole envelope (`bodyOf`) takes. */
const ROUTE_ENVELOPE_KEYS = new Set(['action']);
/** Query keys the HTTP layer consumes before a route's own query schema sees the rest. */
const RESERVED_QUERY = new Set(['auth_token', 'verb', 'pretty_print']);
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const VERSION = /^\/v[12](?=\/|$)/;

interface Outcome {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  pretty: boolean;
  file?: FileReply;
}

/**
 * The REST API over node:http: request ids, the per-address limit, routing by template,
 * crossbar's envelope and verb tunnelling, tokens, the per-account limit, tenant scope,
 * validation of `data`, then the route's handler. Whatever goes wrong becomes a crossbar
 * error; nothing a client sends can take the server down.
 */
export class HttpApi {
  private readonly router: Router;
  private server: Server | undefined;
  private address: AddressInfo | undefined;

  constructor(private readonly options: HttpApiOptions) {
    const table: Record<string, { method: HttpMethod; path: string; reply: z.ZodType }> = {};
    options.routes.forEach((route, index) => (table[String(index)] = { method: route.method, path: route.path, reply: z.unknown() }));
    this.router = new Router(table as RouteTable);
  }

  async listen(addr: string): Promise<AddressInfo> {
    const { host, port } = parseListenAddr(addr);
    const server = createServer((request, response) => void this.handle(request, response));
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 20_000;
    server.requestTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.address = server.address() as AddressInfo;
    return this.address;
  }

  /** Stops taking connections, lets requests in hand finish, then drops idle keep-alives. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 5000);
    await closed;
    clearTimeout(force);
  }

  private clientIp(request: IncomingMessage): string {
    if (this.options.trustProxy) {
      const forwarded = request.headers['x-forwarded-for'];
      const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
      if (first) return first;
    }
    return request.socket.remoteAddress ?? 'unknown';
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const header = request.headers['x-request-id'];
    const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
    const meta: ReplyMeta = { requestId, node: this.options.node };
    let routeLabel = 'unmatched';
    let outcome: Outcome;
    try {
      const result = await this.dispatch(request, requestId, meta, (label) => (routeLabel = label));
      outcome = result;
    } catch (thrown) {
      const error = toCrossbarError(thrown);
      if (error.status >= 500 && error.status !== 503 && error.status !== 504) {
        this.options.logger.error({ err: thrown, request_id: requestId, route: routeLabel }, 'request failed');
      }
      outcome = { status: error.status, body: errorBody(error, meta), headers: error.headers, pretty: false };
      // A body we stopped reading cannot be drained: close rather than reuse the connection.
      if (error.status === 413) outcome.headers = { ...outcome.headers, connection: 'close' };
    }
    this.send(response, requestId, outcome);
    this.options.metrics.recordRequest(routeLabel, request.method ?? 'UNKNOWN', outcome.status, (performance.now() - started) / 1000);
    if (outcome.status === 413) request.resume();
  }

  private send(response: ServerResponse, requestId: string, outcome: Outcome): void {
    if (response.headersSent || response.destroyed) return;
    if (outcome.file) {
      response.writeHead(outcome.status, {
        'content-type': outcome.file.contentType,
        'content-length': String(outcome.file.body.length),
        'content-disposition': `attachment; filename="${outcome.file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        'x-request-id': requestId,
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'X-Request-ID, Retry-After',
      });
      response.end(outcome.file.body);
      return;
    }
    const text = outcome.body === undefined ? '' : outcome.pretty ? JSON.stringify(outcome.body, null, 2) : JSON.stringify(outcome.body);
    const isHtml = typeof outcome.body === 'string';
    response.writeHead(outcome.status, {
      'content-type': isHtml ? 'text/html; charset=utf-8' : 'application/json',
      'x-request-id': requestId,
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'X-Request-ID, Retry-After',
      ...outcome.headers,
    });
    response.end(isHtml ? (outcome.body as string) : text);
  }

  private async dispatch(request: IncomingMessage, requestId: string, meta: ReplyMeta, label: (route: string) => void): Promise<Outcome> {
    const ip = this.clientIp(request);
    const ipLimit = this.options.limits.ip.take(ip);
    if (!ipLimit.allowed) {
      this.options.metrics.rateLimited.inc({ scope: 'ip' });
      throw HttpError.tooMany(ipLimit.retryAfterSeconds, 'address');
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://gateway');
    } catch {
      throw HttpError.badRequest('invalid request', { message: 'the request target is not a valid URL' });
    }
    const query = Object.fromEntries(url.searchParams);
    const pretty = query.pretty_print === 'true' || request.headers['x-pretty-print'] === 'true';
    const method = (request.method ?? 'GET').toUpperCase();

    if (method === 'OPTIONS') return this.preflight(request);
    const page = this.staticPage(method, url.pathname);
    if (page) {
      label(url.pathname);
      return { status: 200, body: page, headers: {}, pretty };
    }
    const version = VERSION.exec(url.pathname);
    if (!version) throw HttpError.notFound(`no API at ${url.pathname.slice(0, 200)}; paths start with /v2 (or /v1)`, 'NO_SUCH_PATH');
    const path = url.pathname.slice(version[0].length) || '/';

    const bytes = await readBody(request, this.options.maxBodyBytes);
    const text = bytes.toString('utf8');
    let envelope: Record<string, unknown> | undefined;
    let parseError: unknown;
    try {
      envelope = envelopeOf(text, false);
    } catch (error) {
      parseError = error;
    }
    let effective = method;
    const tunnelled = (typeof envelope?.verb === 'string' ? envelope.verb : undefined) ?? query.verb;
    if (method === 'POST' && tunnelled !== undefined) effective = String(tunnelled).toUpperCase();
    if (!(httpMethods as readonly string[]).includes(effective)) throw new HttpError(405, 'method not allowed', { message: `${effective} is not a method of this API` });

    const match = this.router.match(effective as HttpMethod, path);
    if (match.kind === 'not_found') throw HttpError.notFound(`no resource at ${path.slice(0, 200)}`, 'NO_SUCH_PATH');
    if (match.kind === 'method_not_allowed') {
      throw new HttpError(405, 'method not allowed', { message: `${effective} is not allowed here; allowed: ${match.allowed.join(', ')}` }, { allow: match.allowed.join(', ') });
    }
    const route = this.options.routes[Number(match.name)]!;
    label(route.path);
    if (route.rawBody) {
      envelope = undefined;
    } else if (parseError !== undefined) {
      if (!route.lenientJson) throw parseError;
      envelope = envelopeOf(text, true);
    }

    let principal: Principal | undefined;
    if (route.access !== 'public') {
      const token = tokenOf(request, query, envelope);
      if (token === undefined) throw HttpError.unauthorized();
      principal = await this.options.validator.principal(token, requestId);
      meta.authToken = token;
      meta.version = this.options.version;
      const accountLimit = this.options.limits.account.take(principal.accountId);
      if (!accountLimit.allowed) {
        this.options.metrics.rateLimited.inc({ scope: 'account' });
        throw HttpError.tooMany(accountLimit.retryAfterSeconds, 'account');
      }
      if (route.access === 'superduper' && !principal.superduper) throw HttpError.forbidden('only the master account may do this');
      if (match.params.account_id !== undefined) await this.options.scope.authorize(principal, match.params.account_id);
      if (!principal.admin && effective !== 'GET' && !route.userAllowed) throw HttpError.forbidden('this needs an admin user or an API key');
    }
    if (route.authAttempt) {
      const authLimit = await this.options.limits.auth.take(ip);
      if (!authLimit.allowed) {
        this.options.metrics.rateLimited.inc({ scope: 'auth' });
        throw HttpError.tooMany(authLimit.retryAfterSeconds, 'address');
      }
    }

    // Keyed by the caller's query keys: without a prototype, `?__proto__=` is just a key.
    const ownQuery = emptyRecord<string>();
    for (const [key, value] of Object.entries(query)) if (!RESERVED_QUERY.has(key)) ownQuery[key] = value;
    let parsedQuery: unknown = ownQuery;
    if (route.query) {
      const parsed = route.query.safeParse(ownQuery);
      if (!parsed.success) throw validationError(parsed.error.issues, 'query');
      parsedQuery = parsed.data;
    }
    const beside = Object.keys(envelope ?? {}).filter((key) => ROUTE_ENVELOPE_KEYS.has(key));
    if (beside.length > 0 && !route.bodyOf) {
      throw validationError([{ code: 'unrecognized_keys', keys: beside, path: [], message: 'unknown envelope fields', input: envelope }], '');
    }
    let body: unknown = envelope !== undefined && route.bodyOf ? route.bodyOf(envelope) : envelope?.data;
    if (route.body) {
      const parsed = route.body.safeParse(body);
      if (!parsed.success) throw validationError(parsed.error.issues);
      body = parsed.data;
    }
    const context: ApiContext = { params: match.params, query: ownQuery, parsedQuery, body, principal, requestId, ip, accept: request.headers.accept ?? '' };
    if (route.rawBody) context.raw = { body: bytes, contentType: (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() };
    const reply: ApiReply = await route.handler(context);
    if (reply.authToken !== undefined) meta.authToken = reply.authToken;
    if (reply.file) return { status: reply.status ?? 200, body: undefined, headers: {}, pretty: false, file: reply.file };
    return { status: reply.status ?? route.successStatus ?? 200, body: successBody(reply.data, meta, reply.paging), headers: {}, pretty };
  }

  private preflight(request: IncomingMessage): Outcome {
    const asked = request.headers['access-control-request-headers'];
    return {
      status: 204,
      body: undefined,
      pretty: false,
      headers: {
        'access-control-allow-methods': 'GET, PUT, POST, PATCH, DELETE, OPTIONS',
        'access-control-allow-headers': typeof asked === 'string' ? asked : 'Content-Type, X-Auth-Token, Authorization, X-Request-ID',
        'access-control-max-age': '86400',
      },
    };
  }

  private staticPage(method: string, path: string): unknown {
    if (method !== 'GET') return undefined;
    if (path === '/docs' || path === '/docs/') return this.options.pages.docsHtml();
    if (path === '/v2/openapi.json' || path === '/v1/openapi.json' || path === '/openapi.json') return this.options.pages.openapi();
    return undefined;
  }
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(HttpError.tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(HttpError.tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    request.on('error', (error) => {
      if (!failed) reject(HttpError.badRequest('invalid request', { message: `the body could not be read: ${error.message}` }));
    });
  });
}

/** The request's crossbar envelope: absent for an empty body, else an object of known keys. */
function envelopeOf(text: string, lenient: boolean): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parseJsonBody(text, lenient);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw HttpError.badRequest('invalid request', { message: 'the body must be a JSON object: {"data": …}' });
  }
  const unknown = Object.keys(parsed).filter((key) => !ENVELOPE_KEYS.has(key) && !ROUTE_ENVELOPE_KEYS.has(key));
  if (unknown.length > 0) {
    throw validationError([{ code: 'unrecognized_keys', keys: unknown, path: [], message: 'unknown envelope fields', input: parsed as Record<string, unknown> }], '');
  }
  return parsed as Record<string, unknown>;
}
