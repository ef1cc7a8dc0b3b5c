import { describe, expect, it } from '@jest/globals';
import { ForbiddenKeyError, assertNoForbiddenKeys, emptyRecord, parseJson } from './json.js';
import { readEvent, readRequest } from './envelope.js';
import { VoipError } from './errors.js';

function refusal(text: string): ForbiddenKeyError {
  try {
    parseJson(text);
  } catch (error) {
    if (error instanceof ForbiddenKeyError) return error;
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parseJson', () => {
  it('reads ordinary JSON, Buffers and a byte-order mark', () => {
    expect(parseJson('{"a":[1,{"b":null}]}')).toEqual({ a: [1, { b: null }] });
    expect(parseJson(Buffer.from('"text"'))).toBe('text');
    expect(parseJson('\uFEFF{"a":1}')).toEqual({ a: 1 });
  });

  it('refuses __proto__ wherever it is, naming its path', () => {
    expect(refusal('{"__proto__":{"x":1}}').field).toBe('__proto__');
    expect(refusal('{"data":{"__proto__":{"x":1}}}').field).toBe('data.__proto__');
    expect(refusal('{"a":[{"b":{"__proto__":1}}]}').field).toBe('a.0.b.__proto__');
    // The escaped spelling is the same key once parsed.
    expect(refusal('{"data":{"\\u005f_proto__":{"x":1}}}').field).toBe('data.__proto__');
  });

  it('refuses constructor.prototype, and keeps a plain constructor key', () => {
    expect(refusal('{"data":{"constructor":{"prototype":{"x":1}}}}').field).toBe('data.constructor.prototype');
    expect(parseJson('{"constructor":"a name","prototype":1}')).toEqual({ constructor: 'a name', prototype: 1 });
  });

  it('throws SyntaxError for text that is not JSON', () => {
    expect(() => parseJson('{nope')).toThrow(SyntaxError);
  });

  it('leaves Object.prototype as it was', () => {
    for (const text of ['{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}']) expect(() => parseJson(text)).toThrow(ForbiddenKeyError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('assertNoForbiddenKeys', () => {
  it('finds an own __proto__ another reader defined', () => {
    const value = { a: {} };
    Object.defineProperty(value.a, '__proto__', { value: { x: 1 }, enumerable: true });
    expect(() => assertNoForbiddenKeys(value)).toThrow('the key __proto__ is not allowed');
    expect(() => assertNoForbiddenKeys({ a: [1, 'b'], constructor: 'c' })).not.toThrow();
  });
});

describe('emptyRecord', () => {
  it('takes __proto__ and constructor as keys like any other', () => {
    const record = emptyRecord<number>();
    record['__proto__'] = 1;
    record['constructor'] = 2;
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(record)).toBe('{"__proto__":1,"constructor":2}');
  });
});

describe('envelopes with forbidden keys', () => {
  it('a request is a 400 naming the key, in the body or in data given as a string', () => {
    const inBody = () => readRequest('{"uri":"/v1/flows","method":"POST","data":{"__proto__":{"x":1}}}');
    expect(inBody).toThrow(VoipError);
    try {
      inBody();
    } catch (error) {
      expect((error as VoipError).statusCode).toBe(400);
      expect((error as VoipError).field).toBe('data.__proto__');
    }
    try {
      readRequest(JSON.stringify({ uri: '/v1/flows', method: 'POST', data: '{"constructor":{"prototype":{"x":1}}}' }));
      throw new Error('read');
    } catch (error) {
      expect((error as VoipError).field).toBe('data.constructor.prototype');
    }
  });

  it('an event is refused the same way', () => {
    expect(() => readEvent('{"type":"call_created","data":{"__proto__":{"x":1}}}')).toThrow('the key __proto__ is not allowed');
  });
});

describe('the test process', () => {
  it('runs with Object.prototype frozen, so pollution fails where it happens', () => {
    expect(Object.isFrozen(Object.prototype)).toBe(true);
    const target = {} as Record<string, Record<string, unknown>>;
    expect(() => {
      (target['__proto__'] as Record<string, unknown>).polluted = 1;
    }).toThrow(TypeError);
    // Honest code that gives its own prototype a method Object.prototype also has still works.
    function Long() {}
    Long.prototype.toString = () => 'long';
    expect(String(new (Long as unknown as new () => object)())).toBe('long');
  });
});
