import { parseJson } from '@voxmesh/wire';
import type { Webhook } from '../contract.js';
import type { Delivery } from '../db/delivery-repository.js';
import { formEncode, withQuery } from './encoding.js';
import { SIGNATURE_HEADER, signatureOf } from './signature.js';

/** What one attempt sends, before it is signed. */
export interface RequestPlan {
  uri: string;
  method: string;
  contentType: string | undefined;
  /** Text, not bytes: Node writes headers and a string body in one piece, a Buffer in two. */
  body: string | undefined;
  /** What the signature covers: the body, or the query string for a GET. */
  signed: string;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { data: value };
}

function queryPlan(uri: string, method: string, query: string): RequestPlan {
  return { uri: withQuery(uri, query), method, contentType: undefined, body: undefined, signed: query };
}

function bodyPlan(uri: string, method: string, contentType: string, text: string): RequestPlan {
  return { uri, method, contentType, body: text, signed: text };
}

/**
 * Kazoo's encodings for a hook: GET puts the payload in the query string, otherwise
 * `format` decides between a form (`a[b]=c`) and JSON. Deliveries without a hook carry
 * their own method and data_type (voipbin's `{type, data}` JSON, webhook_send's body).
 */
export function planRequest(delivery: Delivery, hook: Webhook | undefined): RequestPlan {
  if (hook) {
    const method = hook.http_verb.toUpperCase();
    // The outbox holds the payload as JSON text already: a JSON hook sends it as it is.
    if (method !== 'GET' && hook.format === 'json') return bodyPlan(hook.uri, method, JSON_TYPE, delivery.payload);
    const payload = asRecord(parseJson(delivery.payload));
    if (method === 'GET') return queryPlan(hook.uri, method, formEncode(payload));
    return bodyPlan(hook.uri, method, FORM, formEncode(payload));
  }
  const payload: unknown = parseJson(delivery.payload);
  const uri = delivery.uri ?? '';
  const method = (delivery.method ?? 'POST').toUpperCase();
  const contentType = delivery.contentType ?? JSON_TYPE;
  if (method === 'GET') return queryPlan(uri, method, typeof payload === 'string' ? payload : formEncode(asRecord(payload)));
  if (payload === null || payload === undefined) return { uri, method, contentType: undefined, body: undefined, signed: '' };
  if (typeof payload === 'string') return bodyPlan(uri, method, contentType, payload);
  if (contentType.toLowerCase().includes('x-www-form-urlencoded')) return bodyPlan(uri, method, contentType, formEncode(asRecord(payload)));
  return bodyPlan(uri, method, contentType, JSON.stringify(payload));
}

export interface SignedHeadersInput {
  delivery: Delivery;
  plan: RequestPlan;
  secret: string;
  tryNumber: number;
  now: number;
}

/** The headers of an attempt: Kazoo's X-Hook-ID and X-Account-ID, an event id for de-duplication, and the signature. */
export function attemptHeaders({ delivery, plan, secret, tryNumber, now }: SignedHeadersInput): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Account-ID': delivery.accountId,
    'X-Event-ID': delivery.eventId,
    'X-Hook-Event': delivery.hookEvent,
    'X-Webhook-Attempt': String(tryNumber),
    [SIGNATURE_HEADER]: signatureOf(secret, Math.floor(now / 1000), plan.signed),
  };
  if (delivery.hookId !== null) headers['X-Hook-ID'] = delivery.hookId;
  if (plan.contentType !== undefined) headers['Content-Type'] = plan.contentType;
  return headers;
}
