import type { z } from 'zod';
import { VoipError, emptyRecord } from '@voxmesh/wire';
import { HttpError } from './errors.js';

/**
 * Crossbar's envelopes (reference/kazoo.md §6). A reply is
 * `{data, status: "success", request_id, auth_token?, node, timestamp, version?}` plus the
 * paging keys of a listing; an error is `{status: "error", error: "<HTTP code>", message,
 * data}` with validation errors keyed by field, then validator, then `{message}`.
 */
export interface Paging {
  page_size: number;
  start_key?: string;
  next_start_key?: string;
}

export interface ReplyMeta {
  requestId: string;
  node: string;
  /** Echoed when the request carried a token. */
  authToken?: string;
  version?: string;
}

export function successBody(data: unknown, meta: ReplyMeta, paging?: Paging): Record<string, unknown> {
  const body: Record<string, unknown> = { data, status: 'success', request_id: meta.requestId };
  if (paging) Object.assign(body, paging);
  if (meta.authToken !== undefined) body.auth_token = meta.authToken;
  body.node = meta.node;
  body.timestamp = new Date().toISOString();
  if (meta.version !== undefined) body.version = meta.version;
  return body;
}

export interface CrossbarError {
  status: number;
  message: string;
  data: Record<string, unknown>;
  headers: Record<string, string>;
}

const shortMessages: Record<number, string> = {
  400: 'invalid request',
  401: 'invalid credentials',
  403: 'forbidden',
  404: 'bad identifier',
  405: 'method not allowed',
  409: 'conflicting documents',
  413: 'request entity too large',
  423: 'locked',
  429: 'too many requests',
  500: 'internal error',
  503: 'service unavailable',
  504: 'timeout',
};

export function errorBody(error: CrossbarError, meta: ReplyMeta): Record<string, unknown> {
  return {
    status: error.status >= 500 && error.status !== 503 && error.status !== 504 ? 'fatal' : 'error',
    error: String(error.status),
    message: error.message,
    data: error.data,
    request_id: meta.requestId,
    ...(meta.authToken !== undefined ? { auth_token: meta.authToken } : {}),
    node: meta.node,
    timestamp: new Date().toISOString(),
  };
}

/** A dotted path inside `data`; the wire's validators prefix `data.` or `body.`. */
function fieldKey(field: string): string {
  return field.replace(/^(data|body)(\.|$)/, '') || 'data';
}

/** Anything thrown, as crossbar answers it. Unknown errors are 500s, never 400s. */
export function toCrossbarError(thrown: unknown): CrossbarError {
  if (thrown instanceof HttpError) return { status: thrown.status, message: thrown.message, data: thrown.data, headers: thrown.headers };
  const error = VoipError.from(thrown);
  // A live service without this route is an older version still running beside a newer gateway (a rolling
  // upgrade): the request is fine and will be served once that replica is replaced.
  if (error.status === 'NOT_FOUND' && error.reason === 'NO_ROUTE') {
    return { status: 503, message: shortMessages[503]!, data: { message: `the service does not serve this request yet (an older version during an upgrade): ${error.message}` }, headers: { 'retry-after': '5' } };
  }
  const status = error.status === 'METHOD_NOT_ALLOWED' ? 405 : error.statusCode;
  if (status === 400 || (status === 409 && error.field !== undefined)) {
    return { status, message: status === 400 ? 'validation error' : shortMessages[409]!, data: keyedFromVoipError(error), headers: {} };
  }
  const data: Record<string, unknown> = { message: status >= 500 && status !== 503 && status !== 504 ? 'the request could not be completed' : error.message };
  if (status === 404) data.cause = error.reason;
  const headers: Record<string, string> = {};
  if (status === 429) headers['retry-after'] = '1';
  if (status === 405 && Array.isArray(error.details?.allowed)) headers.allow = (error.details.allowed as string[]).join(', ');
  return { status, message: shortMessages[status] ?? error.message, data, headers };
}

function keyedFromVoipError(error: VoipError): Record<string, unknown> {
  const validator = error.status === 'ALREADY_EXISTS' || error.reason === 'UNIQUE' ? 'unique' : 'validation';
  const issues = Array.isArray(error.details?.issues) ? (error.details.issues as { field?: string; reason?: string }[]) : [];
  // Field names come from the request: keyed by them, a plain object would let a field
  // called `__proto__` or `constructor` write onto shared prototypes.
  const keyed = emptyRecord<Record<string, { message: string }>>();
  for (const issue of issues) {
    const key = fieldKey(String(issue.field ?? 'data'));
    (keyed[key] ??= emptyRecord())[validator] = { message: String(issue.reason ?? error.message) };
  }
  if (Object.keys(keyed).length === 0) keyed[fieldKey(error.field ?? 'data')] = { [validator]: { message: error.message } };
  return keyed;
}

type Issue = z.core.$ZodIssue;

function validatorOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'type';
    case 'too_small':
      return issue.origin === 'string' ? 'minLength' : issue.origin === 'array' ? 'minItems' : issue.origin === 'object' ? 'minProperties' : 'minimum';
    case 'too_big':
      return issue.origin === 'string' ? 'maxLength' : issue.origin === 'array' ? 'maxItems' : issue.origin === 'object' ? 'maxProperties' : 'maximum';
    case 'invalid_format':
      return issue.format === 'regex' ? 'pattern' : 'format';
    case 'invalid_value':
      return 'enum';
    case 'not_multiple_of':
      return 'multipleOf';
    case 'invalid_union':
      return 'type';
    default:
      return 'invalid';
  }
}

/** Zod's issues keyed as Kazoo's validation errors: field, then validator, then {message}. */
export function validationError(issues: readonly Issue[], where = ''): HttpError {
  const keyed = emptyRecord<Record<string, Record<string, unknown>>>();
  const put = (path: readonly PropertyKey[], validator: string, detail: Record<string, unknown>) => {
    const key = [where, ...path.map(String)].filter((part) => part !== '').join('.') || 'data';
    (keyed[key] ??= emptyRecord())[validator] = detail;
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) put([...issue.path, key], 'additionalProperties', { message: 'field is not allowed' });
      continue;
    }
    const detail: Record<string, unknown> = { message: issue.message };
    if (issue.code === 'invalid_value') detail.target = issue.values;
    put(issue.path, validatorOf(issue), detail);
  }
  return new HttpError(400, 'validation error', keyed);
}
