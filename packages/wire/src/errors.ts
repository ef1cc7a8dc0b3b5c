/**
 * One error type across the wire. A VoipError carries voipbin's status names; the cause
 * stays in the process that threw it and is never serialized.
 */
export const statusCodes = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PAYMENT_REQUIRED: 402,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  ALREADY_EXISTS: 409,
  FAILED_PRECONDITION: 409,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
} as const satisfies Record<string, number>;

export type ErrorStatus = keyof typeof statusCodes;

/** The status a bare HTTP code maps back to, for replies that carry no error object. */
const statusForCode: Record<number, ErrorStatus> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  402: 'PAYMENT_REQUIRED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export interface ErrorBody {
  status: ErrorStatus;
  reason: string;
  message: string;
  /** The request field at fault, for INVALID_ARGUMENT. */
  field?: string;
  details?: Record<string, unknown>;
}

export class VoipError extends Error {
  readonly status: ErrorStatus;
  readonly reason: string;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(body: ErrorBody, options?: { cause?: unknown }) {
    super(body.message, options);
    this.name = 'VoipError';
    this.status = body.status;
    this.reason = body.reason;
    this.field = body.field;
    this.details = body.details;
  }

  get statusCode(): number {
    return statusCodes[this.status];
  }

  /** Transport failures and deadlines may succeed when tried again; 4xx never do. */
  get retryable(): boolean {
    return this.status === 'UNAVAILABLE' || this.status === 'DEADLINE_EXCEEDED';
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { status: this.status, reason: this.reason, message: this.message };
    if (this.field !== undefined) body.field = this.field;
    if (this.details !== undefined) body.details = this.details;
    return body;
  }

  static invalidArgument(field: string, message: string): VoipError {
    return new VoipError({ status: 'INVALID_ARGUMENT', reason: 'INVALID_FIELD', field, message });
  }
  static notFound(message: string, reason = 'NOT_FOUND'): VoipError {
    return new VoipError({ status: 'NOT_FOUND', reason, message });
  }
  static conflict(message: string, reason = 'CONFLICT'): VoipError {
    return new VoipError({ status: 'FAILED_PRECONDITION', reason, message });
  }
  static alreadyExists(message: string, reason = 'ALREADY_EXISTS'): VoipError {
    return new VoipError({ status: 'ALREADY_EXISTS', reason, message });
  }
  static exhausted(message: string, reason = 'LIMIT_REACHED'): VoipError {
    return new VoipError({ status: 'RESOURCE_EXHAUSTED', reason, message });
  }
  static unavailable(message: string, reason = 'UNAVAILABLE', cause?: unknown): VoipError {
    return new VoipError({ status: 'UNAVAILABLE', reason, message }, { cause });
  }
  static deadline(message: string): VoipError {
    return new VoipError({ status: 'DEADLINE_EXCEEDED', reason: 'DEADLINE_EXCEEDED', message });
  }
  static internal(message: string, cause?: unknown): VoipError {
    return new VoipError({ status: 'INTERNAL', reason: 'INTERNAL', message }, { cause });
  }

  /** Anything thrown becomes a VoipError; what is not one already is INTERNAL (500), never 400. */
  static from(thrown: unknown): VoipError {
    if (thrown instanceof VoipError) return thrown;
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return VoipError.internal(`internal error: ${message}`, thrown);
  }

  /** Rebuilds the error a server sent; tolerant of replies that carry only a code. */
  static fromResponse(statusCode: number, data: unknown): VoipError {
    const raw = (data as { error?: Partial<ErrorBody> } | undefined)?.error;
    const fallback = statusForCode[statusCode] ?? (statusCode >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
    const status = raw?.status !== undefined && raw.status in statusCodes ? raw.status : fallback;
    return new VoipError({
      status,
      reason: raw?.reason ?? status,
      message: raw?.message ?? `remote answered ${statusCode}`,
      ...(raw?.field !== undefined ? { field: raw.field } : {}),
      ...(raw?.details !== undefined ? { details: raw.details } : {}),
    });
  }
}
