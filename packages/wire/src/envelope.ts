import { z } from 'zod';
import { VoipError } from './errors.js';
import { ForbiddenKeyError, parseJson } from './json.js';

/**
 * The envelopes of ARCHITECTURE §2, byte-compatible with voipbin's sock.Request,
 * sock.Response and sock.Event. Writers always emit objects in `data`; readers accept
 * the looser shapes other implementations send (see readRequest).
 */
export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export const requestEnvelopeSchema = z.object({
  uri: z.string().min(1).startsWith('/'),
  method: z.enum(httpMethods),
  data_type: z.string().optional(),
  data: z.unknown().optional(),
  publisher: z.string().optional(),
  request_id: z.string().optional(),
});
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

export const responseEnvelopeSchema = z.object({
  status_code: z.number().int(),
  data_type: z.string().optional(),
  data: z.unknown().optional(),
});
export type ResponseEnvelope = z.infer<typeof responseEnvelopeSchema>;

export const eventEnvelopeSchema = z.object({
  type: z.string().min(1),
  publisher: z.string().optional(),
  data_type: z.string().optional(),
  data: z.unknown().optional(),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

export const JSON_DATA_TYPE = 'application/json';

/** `data` may arrive as a string holding JSON; anything else is taken as it is. */
function normalizeData(data: unknown, dataType: unknown): unknown {
  if (typeof data !== 'string') return data;
  const isJson = dataType === undefined || dataType === '' || String(dataType).includes('json');
  if (!isJson) return data;
  if (data.trim() === '') return undefined;
  try {
    return parseJson(data);
  } catch (error) {
    if (error instanceof ForbiddenKeyError) throw VoipError.invalidArgument(`data.${error.field}`, error.message);
    throw VoipError.invalidArgument('data', 'data is a string but not valid JSON');
  }
}

/**
 * The seed's own examples leave out the comma between members written on separate
 * lines and leave one before a closing brace. JSON strings cannot hold a raw newline,
 * so mending only across line breaks never touches a string's content.
 */
function mendSeedJson(text: string): string {
  return text
    .replace(/(["}\]\d]|true|false|null)([ \t]*\r?\n)(\s*")/g, '$1,$2$3')
    .replace(/,([ \t]*\r?\n\s*)([}\]])/g, '$1$2');
}

function parseJsonBody(raw: Buffer | string): unknown {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  try {
    return parseJson(text);
  } catch (error) {
    if (error instanceof ForbiddenKeyError) throw VoipError.invalidArgument(error.field, error.message);
    // Only the slow path pays for the mending.
    try {
      return parseJson(mendSeedJson(text));
    } catch (mended) {
      if (mended instanceof ForbiddenKeyError) throw VoipError.invalidArgument(mended.field, mended.message);
      throw VoipError.invalidArgument('body', 'message body is not valid JSON');
    }
  }
}

function firstIssueField(issues: readonly { path: readonly PropertyKey[] }[]): string {
  const path = issues[0]?.path ?? [];
  return path.length === 0 ? 'body' : path.map(String).join('.');
}

const methods = new Set<string>(httpMethods);
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

/**
 * The shape check of the schema above, written out for the common case: every request
 * passes here, and only one that fails goes through zod for a message naming the field.
 */
function quickRequest(body: Record<string, unknown>): RequestEnvelope | undefined {
  const { uri, method, data_type, publisher, request_id } = body;
  if (typeof uri !== 'string' || uri.charCodeAt(0) !== 47) return undefined;
  if (typeof method !== 'string') return undefined;
  const upper = method.toUpperCase();
  if (!methods.has(upper)) return undefined;
  if (!optionalString(data_type) || !optionalString(publisher) || !optionalString(request_id)) return undefined;
  const envelope: RequestEnvelope = { uri, method: upper as HttpMethod };
  if (data_type !== undefined) envelope.data_type = data_type as string;
  if (publisher !== undefined) envelope.publisher = publisher as string;
  if (request_id !== undefined) envelope.request_id = request_id as string;
  const data = normalizeData(body.data, data_type);
  if (data !== undefined) envelope.data = data;
  return envelope;
}

/**
 * Reads an RPC request tolerantly: a lower-case method, a missing data_type and a
 * string `data` are accepted. Throws an INVALID_ARGUMENT VoipError naming the field.
 */
export function readRequest(raw: Buffer | string): RequestEnvelope {
  const body = parseJsonBody(raw);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw VoipError.invalidArgument('body', 'request envelope must be a JSON object');
  }
  const candidate = { ...(body as Record<string, unknown>) };
  if (candidate.data_type === null) delete candidate.data_type;
  const quick = quickRequest(candidate);
  if (quick) return quick;
  if (typeof candidate.method === 'string') candidate.method = candidate.method.toUpperCase();
  const parsed = requestEnvelopeSchema.safeParse(candidate);
  if (!parsed.success) {
    const field = firstIssueField(parsed.error.issues);
    throw VoipError.invalidArgument(field, `envelope field ${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { ...parsed.data, data: normalizeData(parsed.data.data, parsed.data.data_type) };
}

export function readResponse(raw: Buffer | string): ResponseEnvelope {
  const body = parseJsonBody(raw) as Record<string, unknown> | null;
  // The common case needs no schema walk: an integer status and an optional string type.
  if (typeof body === 'object' && body !== null && Number.isInteger(body.status_code) && optionalString(body.data_type)) {
    const response: ResponseEnvelope = { status_code: body.status_code as number };
    if (body.data_type !== undefined) response.data_type = body.data_type as string;
    const data = normalizeData(body.data, body.data_type);
    if (data !== undefined) response.data = data;
    return response;
  }
  const parsed = responseEnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    throw VoipError.internal(`malformed RPC response: ${firstIssueField(parsed.error.issues)}`);
  }
  return { ...parsed.data, data: normalizeData(parsed.data.data, parsed.data.data_type) };
}

export function readEvent(raw: Buffer | string): EventEnvelope {
  const body = parseJsonBody(raw);
  const parsed = eventEnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    const field = firstIssueField(parsed.error.issues);
    throw VoipError.invalidArgument(field, `event field ${field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { ...parsed.data, data: normalizeData(parsed.data.data, parsed.data.data_type) };
}

export function encode(envelope: RequestEnvelope | ResponseEnvelope | EventEnvelope): Buffer {
  return Buffer.from(JSON.stringify(envelope));
}
