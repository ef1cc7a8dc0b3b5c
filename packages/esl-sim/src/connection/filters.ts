import type { EslEvent } from '../protocol/event.js';

export type Filter = readonly [header: string, value: string];

/** `switch_regex` on a filter value written as `/pattern/flags` (or `/pattern`). */
function regexMatches(value: string, expression: string): boolean {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(expression);
  const pattern = literal ? literal[1]! : expression.slice(1);
  const flags = literal?.[2]?.includes('i') ? 'i' : '';
  try {
    return new RegExp(pattern, flags).test(value);
  } catch {
    return false;
  }
}

/**
 * mod_event_socket's filter rule. With no filters every event passes. Otherwise an
 * event passes when some positive filter matches it and no negative one (a value
 * starting with `-`) does; a filter on a header the event lacks is skipped. Values
 * compare case-insensitively, or as a regular expression when they start with `/`.
 */
export function passesFilters(event: EslEvent, filters: readonly Filter[]): boolean {
  if (filters.length === 0) return true;
  let send = false;
  for (const [header, raw] of filters) {
    const value = event.get(header);
    if (value === undefined) continue;
    let positive = true;
    let i = 0;
    for (; i < raw.length; i++) {
      const c = raw[i];
      if (c === '+') positive = true;
      else if (c === '-') positive = false;
      else if (c !== ' ') break;
    }
    if (send && positive) continue;
    const expected = raw.slice(i);
    const matched = raw.startsWith('/') ? regexMatches(value, expected) : value.toLowerCase() === expected.toLowerCase();
    if (!matched) continue;
    if (!positive) return false;
    send = true;
  }
  return send;
}
