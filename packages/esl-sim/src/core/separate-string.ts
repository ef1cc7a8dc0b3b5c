/**
 * `switch_separate_string(buf, ' ', argv, max)` (switch_utils.c,
 * separate_string_blank_delim then cleanup_separated_string), as the API commands of
 * mod_commands split their argument: on spaces, at most `max` parts, the last taking
 * the rest of the line. A backslash keeps the next character from splitting; single
 * quotes hold spaces and are removed once closed; `\'`, `\"`, `\\`, `\n`, `\r`, `\t`
 * and `\s` are unescaped. An unclosed quote runs to the end of the line.
 */
export function separateOnSpaces(text: string, max: number): string[] {
  const raw: string[] = [];
  let start = 0;
  let i = 0;
  let quoted = false;
  while (i < text.length && raw.length < max) {
    start = i;
    while (i < text.length && text[i] === ' ') i++;
    if (raw.length === max - 1) {
      raw.push(text.slice(start));
      return raw.map(cleanUp);
    }
    let end = text.length;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\\') i++;
      else if (c === "'") quoted = !quoted;
      else if (c === ' ' && !quoted) {
        end = i;
        i++;
        break;
      }
      i++;
    }
    raw.push(text.slice(start, Math.min(end, text.length)));
    while (i < text.length && text[i] === ' ') i++;
  }
  return raw.map(cleanUp);
}

const UNESCAPED: Record<string, string> = { n: '\n', r: '\r', t: '\t', s: ' ' };

/** cleanup_separated_string: leading spaces, quotes and escapes out, trailing unquoted spaces trimmed. */
function cleanUp(part: string): string {
  let out = '';
  let keep = 0;
  let quoted = false;
  let i = 0;
  while (i < part.length && part[i] === ' ') i++;
  for (; i < part.length; i++) {
    const c = part[i]!;
    const next = part[i + 1];
    if (c === '\\' && next !== undefined && (next === "'" || next === '"' || next === '\\' || UNESCAPED[next] !== undefined)) {
      out += UNESCAPED[next] ?? next;
      keep = out.length;
      i++;
      continue;
    }
    if (c === "'" && (quoted || part.indexOf("'", i + 1) >= 0)) {
      quoted = !quoted;
      if (quoted) keep = out.length;
      continue;
    }
    out += c;
    if (c !== ' ' || quoted) keep = out.length;
  }
  return out.slice(0, keep);
}
