/**
 * `switch_separate_string` with quotes: splits on spaces, keeping single- or
 * double-quoted parts and bracketed blocks (`{…}`, `[…]`, `(…)`) whole. Quotes around
 * a whole argument are removed.
 */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  const closers: string[] = [];
  const open: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  let quote: string | undefined;
  let current = '';
  let started = false;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
      continue;
    }
    if ((c === "'" || c === '"') && closers.length === 0) {
      quote = c;
      started = true;
      continue;
    }
    if (open[c] !== undefined) closers.push(open[c]!);
    else if (c === closers.at(-1)) closers.pop();
    if (c === ' ' && closers.length === 0) {
      if (started) args.push(current);
      current = '';
      started = false;
      continue;
    }
    current += c;
    started = true;
  }
  if (started) args.push(current);
  return args;
}
