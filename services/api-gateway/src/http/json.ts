import { ForbiddenKeyError, assertNoForbiddenKeys, parseJson } from '@voxmesh/wire';
import { HttpError } from './errors.js';

/**
 * Reads a request body as JSON. Strict JSON first; routes that must accept a seed's
 * example exactly as written (the channel command `{"module", "hangup"}` with a brace
 * short) may ask for the tolerant reader, which takes `,` for `:` after an object key
 * and closes what is left open at the end. Everything else is a 400. Either way a
 * `__proto__` or `constructor.prototype` key is a 400 naming it (see wire's parseJson).
 */
export function parseJsonBody(text: string, lenient: boolean): unknown {
  try {
    return parseJson(text);
  } catch (error) {
    if (error instanceof ForbiddenKeyError) throw forbiddenKey(error);
    if (lenient) {
      const repaired = new TolerantParser(text).parse();
      if (repaired.ok) {
        try {
          assertNoForbiddenKeys(repaired.value);
        } catch (forbidden) {
          throw forbiddenKey(forbidden as ForbiddenKeyError);
        }
        return repaired.value;
      }
    }
    throw HttpError.badRequest('invalid request', { message: `the body is not valid JSON: ${(error as Error).message}` });
  }
}

/** Kazoo's validation shape: the key's path (without the `data.` envelope), then the validator. */
function forbiddenKey(error: ForbiddenKeyError): HttpError {
  const field = error.path[0] === 'data' && error.path.length > 1 ? error.path.slice(1).join('.') : error.field;
  const keyed = Object.create(null) as Record<string, unknown>;
  keyed[field] = { forbidden: { message: error.message } };
  return new HttpError(400, 'validation error', keyed);
}

type Parsed = { ok: true; value: unknown } | { ok: false };

const MAX_DEPTH = 64;

class TolerantParser {
  private at = 0;

  constructor(private readonly text: string) {}

  parse(): Parsed {
    try {
      const value = this.value(0);
      this.space();
      if (this.at !== this.text.length) return { ok: false };
      return { ok: true, value };
    } catch {
      return { ok: false };
    }
  }

  private space(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }

  private get done(): boolean {
    this.space();
    return this.at >= this.text.length;
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Error('too deep');
    this.space();
    const char = this.text[this.at];
    if (char === '{') return this.object(depth);
    if (char === '[') return this.array(depth);
    if (char === '"') return this.string();
    const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.at));
    if (!literal) throw new Error(`unexpected ${char ?? 'end'}`);
    this.at += literal[0].length;
    return parseJson(literal[0]);
  }

  private string(): string {
    const match = /^"(?:[^"\\\u0000-\u001f]|\\.)*"/.exec(this.text.slice(this.at));
    if (!match) throw new Error('bad string');
    this.at += match[0].length;
    return parseJson(match[0]) as string;
  }

  private object(depth: number): Record<string, unknown> {
    this.at++;
    // Keys are defined, not assigned, as JSON.parse does: `__proto__` stays an own key
    // for the check above to find instead of replacing this object's prototype.
    const out: Record<string, unknown> = {};
    for (;;) {
      if (this.done) return out; // a brace left open at the end
      if (this.text[this.at] === '}') {
        this.at++;
        return out;
      }
      const key = this.string();
      this.space();
      const separator = this.text[this.at];
      if (separator !== ':' && separator !== ',') throw new Error('expected :');
      this.at++;
      Object.defineProperty(out, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
      if (this.done) return out;
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== '}') throw new Error('expected , or }');
    }
  }

  private array(depth: number): unknown[] {
    this.at++;
    const out: unknown[] = [];
    for (;;) {
      if (this.done) return out;
      if (this.text[this.at] === ']') {
        this.at++;
        return out;
      }
      out.push(this.value(depth + 1));
      if (this.done) return out;
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== ']') throw new Error('expected , or ]');
    }
  }
}
