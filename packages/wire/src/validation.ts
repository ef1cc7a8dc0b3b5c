import type { z } from 'zod';
import { VoipError } from './errors.js';

/**
 * Validates `value` against `schema`; a failure is an INVALID_ARGUMENT naming the first
 * field that failed, prefixed by `where` (for example `body` or `query`).
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String) ?? [];
  const field = [where, ...path].join('.');
  const all = parsed.error.issues.map((each) => ({ field: [where, ...each.path.map(String)].join('.'), reason: each.message }));
  return throwInvalid(field, `${field}: ${issue?.message ?? 'invalid'}`, all);
}

function throwInvalid(field: string, message: string, issues: { field: string; reason: string }[]): never {
  throw new VoipError({ status: 'INVALID_ARGUMENT', reason: 'INVALID_FIELD', field, message, details: { issues } });
}
