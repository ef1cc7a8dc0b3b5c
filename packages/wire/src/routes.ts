import { z } from 'zod';
import type { HttpMethod } from './envelope.js';

/**
 * A route is written once: method, path template (`/v1/flows/:id`), and zod schemas of
 * its query, body and reply. The RPC server registers handlers from the table and the
 * RPC client derives its calls from the same table, so the two cannot drift apart.
 */
export interface RouteSpec {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary?: string;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly reply: z.ZodType;
  /** The client's default deadline for this route, when 3 s is not right (lists, long jobs). */
  readonly timeoutMs?: number;
}

export type RouteTable = Readonly<Record<string, RouteSpec>>;

export interface ServiceContract<T extends RouteTable = RouteTable> {
  /** The service that serves the table; its request queue is `<namespace>.<service>.request`. */
  readonly service: string;
  readonly routes: T;
}

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type PathParams<P extends string> = { [K in ParamNames<P>]: string };

type InputOf<S> = S extends z.ZodType ? z.input<S> : undefined;
type OutputOf<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives for route R, already validated. */
export interface RouteRequest<R extends RouteSpec> {
  params: PathParams<R['path']>;
  query: R['query'] extends z.ZodType ? z.output<R['query']> : Record<string, string>;
  body: OutputOf<R['body']>;
}

/** What a caller passes for route R; only the parts the route has are required. */
export type RouteInput<R extends RouteSpec> = (ParamNames<R['path']> extends never
  ? { params?: Record<string, never> }
  : { params: PathParams<R['path']> }) &
  (R['body'] extends z.ZodType ? { body: InputOf<R['body']> } : { body?: undefined }) &
  (R['query'] extends z.ZodType ? { query?: InputOf<R['query']> } : { query?: Record<string, string | number | boolean> });

export type RouteReply<R extends RouteSpec> = z.output<R['reply']>;

export function defineContract<const T extends RouteTable>(service: string, routes: T): ServiceContract<T> {
  const seen = new Set<string>();
  for (const [name, route] of Object.entries(routes)) {
    const key = `${route.method} ${normalizeTemplate(route.path)}`;
    if (seen.has(key)) throw new Error(`route ${name}: ${key} is declared twice in ${service}`);
    seen.add(key);
  }
  return { service, routes };
}

/** `:id` and `<id>` are the same placeholder; the seed writes the latter. */
function normalizeTemplate(path: string): string {
  return path.replace(/<([^>]+)>/g, ':$1').replace(/:[^/]+/g, ':');
}

interface CompiledRoute {
  name: string;
  spec: RouteSpec;
  segments: { literal?: string; param?: string }[];
}

export type RouteMatch =
  | { kind: 'found'; name: string; spec: RouteSpec; params: Record<string, string> }
  | { kind: 'not_found' }
  | { kind: 'method_not_allowed'; allowed: HttpMethod[] };

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

/** Matches a request path against a route table: literals exactly, placeholders any one segment. */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: RouteTable) {
    this.compiled = Object.entries(routes).map(([name, spec]) => ({
      name,
      spec,
      segments: splitPath(spec.path).map((segment) => {
        const placeholder = /^(?::(.+)|<(.+)>)$/.exec(segment);
        return placeholder ? { param: placeholder[1] ?? placeholder[2] ?? '' } : { literal: segment };
      }),
    }));
  }

  match(method: HttpMethod, path: string): RouteMatch {
    const parts = splitPath(path);
    const allowed: HttpMethod[] = [];
    for (const route of this.compiled) {
      const params = matchSegments(route.segments, parts);
      if (params === undefined) continue;
      if (route.spec.method === method) return { kind: 'found', name: route.name, spec: route.spec, params };
      allowed.push(route.spec.method);
    }
    return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
  }
}

function matchSegments(template: CompiledRoute['segments'], parts: string[]): Record<string, string> | undefined {
  if (template.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const segment = template[i]!;
    const part = parts[i]!;
    if (segment.literal !== undefined) {
      if (segment.literal !== part) return undefined;
    } else {
      try {
        params[segment.param!] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    }
  }
  return params;
}

/** Fills a template with params and appends a query string; values are URI-encoded. */
export function buildUri(path: string, params: Record<string, string> | undefined, query?: Record<string, unknown>): string {
  const filled = path.replace(/:([A-Za-z0-9_]+)|<([^>]+)>/g, (_whole, colon: string | undefined, angle: string | undefined) => {
    const name = (colon ?? angle)!;
    const value = params?.[name];
    if (value === undefined || value === '') throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
  if (!query) return filled;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

/** Splits `uri` into its path and its query as a plain object (the last value of a key wins). */
export function splitUri(uri: string): { path: string; query: Record<string, string> } {
  const at = uri.indexOf('?');
  if (at < 0) return { path: uri, query: {} };
  return { path: uri.slice(0, at), query: Object.fromEntries(new URLSearchParams(uri.slice(at + 1))) };
}
