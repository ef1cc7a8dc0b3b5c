import { optionalNumber, optionalString, requiredString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** Kazoo refuses a Pivot request timeout above 5 s; a longer one is cut down to it. */
const MAX_TIMEOUT_MS = 5000;

/**
 * `pivot`: asks the customer's server at `voice_url` for the rest of the call (the
 * `pivot` action). `method` is get (Kazoo's default) or post, `req_body_format` form
 * or json. Only Kazoo's request format is spoken, so `req_format: twiml` is refused
 * here rather than sending a server names it does not expect. When the server fails,
 * the flow goes on at the `_` child, Kazoo's documented fallback.
 */
export const pivot: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const url = requiredString(context, 'voice_url');
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) context.invalid('voice_url', 'must be an http:// or https:// URL');
    const option: Record<string, unknown> = { voice_url: url };
    const method = optionalString(context, 'method')?.toLowerCase();
    if (method !== undefined && method !== 'get' && method !== 'post') context.invalid('method', 'must be get or post');
    option.method = method ?? 'get';
    const format = optionalString(context, 'req_format')?.toLowerCase();
    if (format === 'twiml') context.invalid('req_format', 'twiml is not supported; use kazoo (JSON callflows)');
    if (format !== undefined && format !== 'kazoo') context.invalid('req_format', 'must be kazoo');
    const bodyFormat = optionalString(context, 'req_body_format')?.toLowerCase();
    if (bodyFormat !== undefined && bodyFormat !== 'form' && bodyFormat !== 'json') context.invalid('req_body_format', 'must be form or json');
    if (bodyFormat !== undefined) option.req_body_format = bodyFormat;
    const timeout = optionalNumber(context, 'req_timeout_ms', 1, 3_600_000);
    if (timeout !== undefined) option.req_timeout_ms = Math.min(Math.round(timeout), MAX_TIMEOUT_MS);
    const debug = context.data.debug;
    if (debug !== undefined && debug !== null && typeof debug !== 'boolean') context.invalid('debug', 'must be true or false');
    if (debug === true) option.debug = true;
    return context.emit('pivot', option);
  },
};
