/**
 * Twilio's connection overrides, written in the URL's fragment (`#ct=2000&rc=2&rp=ct,5xx`):
 * connect timeout, read timeout, total time, retry count and on what to retry. A server
 * never sees the fragment; it tunes how we ask. Every value is clamped, and the total
 * time is bounded by the request's own timeout, so an override can shorten a wait but
 * never stretch a call's.
 */
export interface ConnectionPlan {
  /** The URL without its fragment: what is asked and signed. */
  url: string;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** All attempts together, retries included. */
  totalMs: number;
  retries: number;
  retryOn: ReadonlySet<RetryCause>;
}

export type RetryCause = 'ct' | 'rt' | '4xx' | '5xx';

const LIMITS = { ct: [100, 10_000], rt: [100, 15_000], tt: [100, 15_000], rc: [0, 5] } as const;
/** Twilio's default: one retry, on a connection that could not be made. */
const DEFAULT_RETRIES = 1;
const DEFAULT_RETRY_ON: RetryCause[] = ['ct'];

export function connectionPlan(voiceUrl: string, timeoutMs: number): ConnectionPlan {
  const url = new URL(voiceUrl);
  const overrides = new URLSearchParams(url.hash.replace(/^#/, ''));
  url.hash = '';
  const number = (key: keyof typeof LIMITS, fallback: number) => {
    const raw = overrides.get(key);
    const value = raw === null ? NaN : Number(raw);
    if (!Number.isFinite(value)) return fallback;
    const [min, max] = LIMITS[key];
    return Math.round(Math.min(max, Math.max(min, value)));
  };
  const totalMs = Math.min(number('tt', timeoutMs), timeoutMs);
  const policy = overrides.get('rp');
  const retryOn = new Set<RetryCause>();
  for (const cause of policy === null ? DEFAULT_RETRY_ON : policy.split(',')) {
    const trimmed = cause.trim().toLowerCase();
    if (trimmed === 'all') for (const each of ['ct', 'rt', '4xx', '5xx'] as const) retryOn.add(each);
    else if (trimmed === 'ct' || trimmed === 'rt' || trimmed === '4xx' || trimmed === '5xx') retryOn.add(trimmed);
  }
  return {
    url: url.toString(),
    connectTimeoutMs: Math.min(number('ct', totalMs), totalMs),
    readTimeoutMs: Math.min(number('rt', totalMs), totalMs),
    totalMs,
    retries: number('rc', DEFAULT_RETRIES),
    retryOn,
  };
}
