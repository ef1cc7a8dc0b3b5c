import secureJson from 'secure-json-parse';

/**
 * The one way JSON from outside the process is read. `JSON.parse` gives a body's
 * `__proto__` key an own property; the first code that copies or indexes by such a key
 * writes onto `Object.prototype` and every object in the process changes. So the keys
 * `__proto__` and `constructor.prototype` are refused when the text is read, by a
 * maintained parser (secure-json-parse), before any code sees the value.
 */
const refuse = { protoAction: 'error', constructorAction: 'error' } as const;
const FORBIDDEN_MESSAGE = 'Object contains forbidden prototype property';

/** A JSON text that holds a key able to reach an object's prototype. */
export class ForbiddenKeyError extends Error {
  constructor(readonly path: readonly string[]) {
    super(`the key ${path[path.length - 1] ?? '__proto__'} is not allowed in JSON documents`);
    this.name = 'ForbiddenKeyError';
  }

  /** The dotted path to the key, e.g. `data.__proto__`. */
  get field(): string {
    return this.path.join('.');
  }
}

/**
 * Parses JSON from a request, a reply, an event, a message or a stored row. Throws
 * `SyntaxError` for text that is not JSON and `ForbiddenKeyError` (naming the key's path)
 * for a document carrying `__proto__` or `constructor.prototype`.
 */
export function parseJson(text: string | Buffer): unknown {
  try {
    return secureJson.parse(text, null, refuse);
  } catch (error) {
    if (error instanceof SyntaxError && error.message === FORBIDDEN_MESSAGE) {
      // Only the refusal pays for finding where the key was.
      throw new ForbiddenKeyError(forbiddenPath(JSON.parse(String(text))) ?? ['__proto__']);
    }
    throw error;
  }
}

/** Refuses the same keys in a value some other parser built (form bodies, tolerant readers). */
export function assertNoForbiddenKeys(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  const path = forbiddenPath(value);
  if (path) throw new ForbiddenKeyError(path);
}

/** The path to the first forbidden key, walking own properties only. */
function forbiddenPath(value: unknown, path: string[] = [], depth = 0): string[] | undefined {
  if (value === null || typeof value !== 'object' || depth > 512) return undefined;
  if (Object.hasOwn(value, '__proto__')) return [...path, '__proto__'];
  const constructor = Object.hasOwn(value, 'constructor') ? (value as { constructor: unknown }).constructor : undefined;
  if (constructor !== null && typeof constructor === 'object' && Object.hasOwn(constructor, 'prototype')) {
    return [...path, 'constructor', 'prototype'];
  }
  for (const key of Object.keys(value)) {
    const found = forbiddenPath((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * An object to key by data from outside (field names, variable names, header names):
 * without a prototype, `record["__proto__"]` or `record["constructor"]` is just a key.
 */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
