/**
 * An error the HTTP layer answers itself (a body too large, a rate limit, a route that
 * exists only as a placeholder). Errors from services arrive as VoipErrors and are
 * mapped in crossbar.ts; this covers the HTTP codes the wire has no status for.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly data: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  static tooLarge(limit: number): HttpError {
    return new HttpError(413, 'request entity too large', { message: `the body is larger than ${limit} bytes` });
  }

  static tooMany(retryAfterSeconds: number, scope: string): HttpError {
    return new HttpError(429, 'too many requests', { message: `rate limit of this ${scope} reached`, retry_after: retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
  }

  static unauthorized(): HttpError {
    return new HttpError(401, 'invalid credentials', { message: 'invalid credentials' });
  }

  static forbidden(message: string): HttpError {
    return new HttpError(403, 'forbidden', { message });
  }

  static notFound(message: string, cause?: string): HttpError {
    return new HttpError(404, 'bad identifier', cause === undefined ? { message } : { message, cause });
  }

  static badRequest(message: string, data: Record<string, unknown> = {}): HttpError {
    return new HttpError(400, message, data);
  }
}
