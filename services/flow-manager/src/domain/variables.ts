import { VoipError } from '@voxmesh/wire';

/**
 * `${name}` substitution and the variable limits. Unknown names become the empty string,
 * as voipbin does. Substitution walks objects and arrays and touches strings only, so a
 * number inside an array stays a number (voipbin turns it into text).
 */
const PATTERN = /\$\{([^}]*)\}/g;

export function substituteText(text: string, variables: Record<string, string>): string {
  if (!text.includes('${')) return text;
  return text.replace(PATTERN, (_whole, name: string) => {
    const key = name.trim();
    // Own keys only: `${constructor}` is an unknown variable, not Object's constructor.
    return Object.hasOwn(variables, key) ? (variables[key] ?? '') : '';
  });
}

export function substituteDeep<T>(value: T, variables: Record<string, string>): T {
  if (typeof value === 'string') return substituteText(value, variables) as T;
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, variables)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = substituteDeep(item, variables);
    return out as T;
  }
  return value;
}

export interface VariableLimits {
  maxKeys: number;
  maxValueBytes: number;
  maxTotalBytes: number;
}

export const defaultVariableLimits: VariableLimits = { maxKeys: 1000, maxValueBytes: 32 * 1024, maxTotalBytes: 256 * 1024 };

/** Reserved for flow-manager's own bookkeeping; set at creation and not taken from callers. */
export const ACTIVEFLOW_PREFIX = 'voipbin.activeflow.';

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Merges `updates` into `variables` in place, refusing a value or a total past the
 * limits (400 naming the variable, or 429 for the totals) without changing anything.
 */
export function mergeVariables(variables: Record<string, string>, updates: Record<string, string>, limits: VariableLimits): void {
  const next = { ...variables };
  for (const [key, value] of Object.entries(updates)) {
    // Assigned to a plain object, `__proto__` would replace its prototype and vanish.
    if (PROTOTYPE_KEYS.has(key)) throw VoipError.invalidArgument(`variables.${key}`, `${key} is not allowed as a variable name`);
    if (Buffer.byteLength(value) > limits.maxValueBytes) {
      throw VoipError.invalidArgument(`variables.${key}`, `variable ${key} is longer than ${limits.maxValueBytes} bytes`);
    }
    next[key] = value;
  }
  const keys = Object.keys(next);
  if (keys.length > limits.maxKeys) throw VoipError.exhausted(`an activeflow holds at most ${limits.maxKeys} variables`, 'VARIABLE_LIMIT');
  let total = 0;
  for (const key of keys) total += key.length + Buffer.byteLength(next[key]!);
  if (total > limits.maxTotalBytes) throw VoipError.exhausted(`an activeflow's variables hold at most ${limits.maxTotalBytes} bytes`, 'VARIABLE_LIMIT');
  Object.assign(variables, updates);
}
