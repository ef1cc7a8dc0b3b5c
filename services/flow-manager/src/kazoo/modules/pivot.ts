import { optionalNumber, optionalString } from '../data.js';
import type { ModuleCompiler, ModuleContext } from '../types.js';

/** Kazoo refuses a Pivot request timeout above 5 s; a longer one is cut down to it. */
const MAX_TIMEOUT_MS = 5000;

/**
 * `pivot`: asks the customer's server at `voice_url` for the rest of the call (the
 * `pivot` action). `method` is get (Kazoo's default) or post in either case,
 * `req_format` kazoo or twiml (the names the fields are sent under), `req_body_format`
 * form or json. When the server fails, `fallback_url` is asked, then the flow goes on at
 * the `_` child, Kazoo's documented fallback. `skip_module: true` goes straight there.
 */
export const pivot: ModuleCompiler = {
  routesChildren: false,
  compile(context: ModuleContext) {
    const url = httpUrlField(context, 'voice_url', true)!;
    const skip = booleanField(context, 'skip_module');
    // Kazoo advances to the wildcard child; the skip is left visible in the fetch status.
    if (skip) return context.emit('variable_set', { key: 'voipbin.fetch.status', value: 'skipped' });
    const option: Record<string, unknown> = { voice_url: url };
    const method = optionalString(context, 'method')?.toLowerCase();
    if (method !== undefined && method !== 'get' && method !== 'post') context.invalid('method', 'must be get or post');
    option.method = method ?? 'get';
    const format = optionalString(context, 'req_format')?.toLowerCase();
    if (format !== undefined && format !== 'kazoo' && format !== 'twiml') context.invalid('req_format', 'must be kazoo or twiml');
    if (format !== undefined) option.req_format = format;
    const bodyFormat = optionalString(context, 'req_body_format')?.toLowerCase();
    if (bodyFormat !== undefined && bodyFormat !== 'form' && bodyFormat !== 'json') context.invalid('req_body_format', 'must be form or json');
    if (bodyFormat !== undefined) option.req_body_format = bodyFormat;
    const timeout = optionalNumber(context, 'req_timeout_ms', 1, 3_600_000);
    if (timeout !== undefined) option.req_timeout_ms = Math.min(Math.round(timeout), MAX_TIMEOUT_MS);
    if (booleanField(context, 'debug')) option.debug = true;
    for (const field of ['cdr_url', 'fallback_url']) {
      const value = httpUrlField(context, field, false);
      if (value !== undefined) option[field] = value;
    }
    return context.emit('pivot', option);
  },
};

function httpUrlField(context: ModuleContext, field: string, required: boolean): string | undefined {
  const value = optionalString(context, field);
  if (value === undefined) {
    if (required) context.invalid(field, 'is required');
    return undefined;
  }
  if (!/^https?:\/\//i.test(value) || !URL.canParse(value)) context.invalid(field, 'must be an http:// or https:// URL');
  return value;
}

function booleanField(context: ModuleContext, field: string): boolean {
  const value = context.data[field];
  if (value !== undefined && value !== null && typeof value !== 'boolean') context.invalid(field, 'must be true or false');
  return value === true;
}
