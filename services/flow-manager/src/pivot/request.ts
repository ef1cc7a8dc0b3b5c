import type { FormValue, HttpExchangeRequest } from '../actions/types.js';
import { formPairs } from '../remote/http-fetcher.js';
import { requestSignature, TWILIO_SIGNATURE, VOXMESH_SIGNATURE } from './signature.js';

export interface PivotRequestShape {
  /** The URL without its fragment. */
  url: string;
  method: 'GET' | 'POST';
  bodyFormat: 'form' | 'json';
  format: 'kazoo' | 'twiml';
  fields: Record<string, FormValue>;
  /** The account's webhook secret; without one the request goes unsigned. */
  secret: string | undefined;
}

/** A built request, and what it is kept as in the debug log. */
export interface BuiltRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string;
}

/**
 * Pivot's HTTP request: a GET carries every field in the query (after the URL's own),
 * a POST a form-encoded body, or JSON with `req_body_format: json`. It is signed over
 * the URL and the sorted fields (a GET's are in the URL), in Twilio's header with
 * HMAC-SHA1 for TwiML applications so their own check passes unchanged, and in
 * `X-Voxmesh-Signature` with HMAC-SHA256 otherwise.
 */
export function buildPivotRequest(shape: PivotRequestShape): BuiltRequest {
  const url = new URL(shape.url);
  const pairs = formPairs(shape.fields);
  const accept = shape.format === 'twiml' ? 'text/xml, application/xml, application/json' : 'application/json, text/xml, application/xml';
  const headers: Record<string, string> = { accept };
  let body = '';
  let signed: [string, string][] = [];
  if (shape.method === 'GET') {
    for (const [key, value] of pairs) url.searchParams.append(key, value);
  } else if (shape.bodyFormat === 'json') {
    body = JSON.stringify(shape.fields);
    headers['content-type'] = 'application/json';
    signed = pairs;
  } else {
    body = new URLSearchParams(pairs).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
    signed = pairs;
  }
  const target = url.toString();
  if (shape.secret !== undefined && shape.secret !== '') {
    if (shape.format === 'twiml') headers[TWILIO_SIGNATURE] = requestSignature('sha1', shape.secret, target, signed);
    else headers[VOXMESH_SIGNATURE] = requestSignature('sha256', shape.secret, target, signed);
  }
  return { url: target, method: shape.method, headers, body };
}

export function exchangeOf(request: BuiltRequest, connectTimeoutMs: number, timeoutMs: number): HttpExchangeRequest {
  const exchange: HttpExchangeRequest = { url: request.url, method: request.method, headers: request.headers, connectTimeoutMs, timeoutMs };
  if (request.method !== 'GET') exchange.body = request.body;
  return exchange;
}
