/**
 * When to try again: exponential from `baseMs`, capped at `maxMs`, with "equal jitter"
 * (half fixed, half random) so that a receiver coming back is not hit by every delivery
 * at once, yet no retry comes sooner than half its step. A Retry-After the receiver
 * sent is honoured, within the cap.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

export function retryDelayMs(tryNumber: number, options: BackoffOptions, retryAfterMs?: number): number {
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, tryNumber - 1));
  const jittered = step / 2 + (options.random ?? Math.random)() * (step / 2);
  const wanted = retryAfterMs !== undefined && retryAfterMs > jittered ? retryAfterMs : jittered;
  return Math.round(Math.min(options.maxMs, wanted));
}

/** Reads Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
