import { VoipError, emptyRecord } from '@voxmesh/wire';

/**
 * Kazoo's route patterns are PCRE; JavaScript reads the same syntax but for the Python
 * style of named group, which is rewritten.
 */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(pattern.replace(/\(\?P</g, '(?<'));
}

export function checkPatterns(patterns: string[], field: string): void {
  patterns.forEach((pattern, index) => {
    try {
      compilePattern(pattern);
    } catch (error) {
      throw VoipError.invalidArgument(`${field}.${index}`, `pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(error as Error).message}`);
    }
  });
}

export interface PatternMatch {
  pattern: string;
  flowId: string;
  length: number;
  /** The text the pattern matched. */
  text: string;
  captures: string[];
  named: Record<string, string>;
}

export interface CompiledPattern {
  pattern: string;
  flow_id: string;
  regex: RegExp;
}

/** The pattern with the longest match wins (Kazoo's rule); on a tie, the first listed. */
export function bestMatch(number: string, candidates: readonly CompiledPattern[]): PatternMatch | undefined {
  let best: PatternMatch | undefined;
  for (const candidate of candidates) {
    const match = candidate.regex.exec(number);
    if (!match) continue;
    const length = match[0].length;
    if (best && length <= best.length) continue;
    const named = emptyRecord<string>();
    for (const [name, value] of Object.entries(match.groups ?? {})) if (value !== undefined) named[name] = value;
    best = { pattern: candidate.pattern, flowId: candidate.flow_id, length, text: match[0], captures: match.slice(1).map((value) => value ?? ''), named };
  }
  return best;
}

/** The captures as variables: Kazoo's `capture_group` (first capture, else the whole match), numbered and named ones. */
export function captureVariables(number: string, match: PatternMatch | undefined): Record<string, string> {
  const variables: Record<string, string> = { 'voipbin.route.number': number };
  if (!match) return variables;
  variables.capture_group = match.captures[0] ?? match.text;
  match.captures.forEach((value, index) => {
    variables[`capture_group.${index + 1}`] = value;
  });
  for (const [name, value] of Object.entries(match.named)) variables[`capture_groups.${name}`] = value;
  return variables;
}
