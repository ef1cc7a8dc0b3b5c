import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { VoipError } from '@voxmesh/wire';
import { toCrossbarError, validationError } from './crossbar.js';
import { parseJsonBody } from './json.js';
import { HttpError } from './errors.js';

describe('validation errors keyed by field', () => {
  it('field names that are Object.prototype members stay plain keys', () => {
    const strict = z.strictObject({ name: z.string() });
    // Built by hand: JSON.parse would refuse __proto__ before any schema saw it.
    const input = Object.create(null) as Record<string, unknown>;
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) input[key] = 1;
    input.name = 'x';
    const parsed = strict.safeParse(input);
    expect(parsed.success).toBe(false);
    const error = validationError(parsed.success ? [] : parsed.error.issues);
    expect(Object.keys(error.data).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    expect(JSON.parse(JSON.stringify(error.data)).toString).toEqual({ additionalProperties: { message: 'field is not allowed' } });
    expect(({} as Record<string, unknown>).additionalProperties).toBeUndefined();
    expect((Object as unknown as Record<string, unknown>).additionalProperties).toBeUndefined();
  });

  it('VoipError issues from a service are keyed the same way', () => {
    const issues = [{ field: 'data.constructor', reason: 'no' }, { field: 'body.__proto__', reason: 'no' }];
    const error = toCrossbarError(new VoipError({ status: 'INVALID_ARGUMENT', reason: 'INVALID_FIELD', field: 'data', message: 'bad', details: { issues } }));
    expect(error.status).toBe(400);
    expect(Object.keys(error.data).sort()).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).validation).toBeUndefined();
  });
});

describe('request bodies', () => {
  it('a __proto__ key is a 400 naming it, from the strict and the tolerant reader alike', () => {
    for (const [text, lenient] of [
      ['{"data":{"__proto__":{"x":1}}}', false],
      ['{"data":{"__proto__":{"x":1}}', true],
      ['{"data":{"__proto__", {"x":1}}}', true],
    ] as const) {
      let thrown: unknown;
      try {
        parseJsonBody(text, lenient);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HttpError);
      expect((thrown as HttpError).status).toBe(400);
      expect(Object.keys((thrown as HttpError).data)).toEqual(['__proto__']);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('a service without the route', () => {
  it('is a 503 to retry (an older replica during an upgrade), not a missing feature', () => {
    const error = toCrossbarError(VoipError.notFound('no route for /v1/things', 'NO_ROUTE'));
    expect(error.status).toBe(503);
    expect(error.headers).toEqual({ 'retry-after': '5' });
    expect(String((error.data as { message: string }).message)).toContain('no route for /v1/things');
  });
});
