/**
 * FreeSWITCH dial strings: `{var=val,…}` for every leg, then targets, `,` ringing
 * together and `|` one group after another, each with its own `[var=val]`.
 * Values may be single-quoted to hold commas, and `^^X` at the start of a block
 * makes X the separator instead of the comma.
 */
export interface DialTarget {
  endpoint: string;
  variables: Map<string, string>;
  /** The number or user the endpoint reaches. */
  destination: string;
}

export interface DialPlan {
  variables: Map<string, string>;
  /** Tried in order; the targets of one group ring at the same time. */
  groups: DialTarget[][];
}

const OPEN: Record<string, string> = { '{': '}', '[': ']', '<': '>', '(': ')' };

/** Splits at `separator` where it is not nested in brackets or quotes. */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  const closers: string[] = [];
  let quoted = false;
  let current = '';
  for (const c of text) {
    if (c === "'" && closers.length === 0) quoted = !quoted;
    else if (!quoted && OPEN[c] !== undefined) closers.push(OPEN[c]!);
    else if (!quoted && c === closers.at(-1)) closers.pop();
    if (c === separator && !quoted && closers.length === 0) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** The inside of a `{…}` or `[…]` block as variables. */
export function parseVariableBlock(inside: string): Map<string, string> {
  let separator = ',';
  let body = inside;
  if (body.startsWith('^^') && body.length > 2) {
    separator = body[2]!;
    body = body.slice(3);
  }
  const variables = new Map<string, string>();
  for (const pair of splitTopLevel(body, separator)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1);
    variables.set(pair.slice(0, eq).trim(), value);
  }
  return variables;
}

/** Takes leading `open…close` blocks off `text`, merging their variables. */
function takeBlocks(text: string, open: string, close: string, into: Map<string, string>): string {
  let rest = text.trimStart();
  while (rest.startsWith(open)) {
    const end = closingIndex(rest, open, close);
    if (end < 0) break;
    for (const [name, value] of parseVariableBlock(rest.slice(1, end))) into.set(name, value);
    rest = rest.slice(end + 1).trimStart();
  }
  return rest;
}

function closingIndex(text: string, open: string, close: string): number {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    if (quoted) continue;
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return -1;
}

/** What number an endpoint dials: sofia/gateway/gw/NUM, sofia/profile/NUM@host, user/NUM@domain, loopback/NUM. */
export function destinationOf(endpoint: string): string {
  const parts = endpoint.split('/');
  const tech = (parts[0] ?? '').toLowerCase();
  let rest: string;
  if (tech === 'sofia' && parts[1] === 'gateway') rest = parts.slice(3).join('/');
  else if (tech === 'sofia') rest = parts.slice(2).join('/');
  else if (tech === 'loopback') rest = parts[1] ?? '';
  else rest = parts.length > 1 ? parts.slice(1).join('/') : (parts[0] ?? '');
  return rest.replace(/^sips?:/i, '').split(/[@;]/)[0] ?? '';
}

export function parseDialString(text: string): DialPlan {
  const variables = new Map<string, string>();
  const rest = takeBlocks(text, '{', '}', variables);
  const groups: DialTarget[][] = [];
  for (const group of splitTopLevel(rest, '|')) {
    const targets: DialTarget[] = [];
    for (const raw of splitTopLevel(group, ',')) {
      const own = new Map<string, string>();
      const endpoint = takeBlocks(takeBlocks(raw, '{', '}', own), '[', ']', own).trim();
      if (endpoint === '') continue;
      targets.push({ endpoint, variables: own, destination: destinationOf(endpoint) });
    }
    if (targets.length > 0) groups.push(targets);
  }
  return { variables, groups };
}
