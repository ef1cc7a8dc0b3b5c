/**
 * The small cache seam: values with a TTL, and a lock with a token and an expiry. Redis
 * serves production; MemoryCache serves the embedded default. Losing the cache loses
 * speed, never state, so callers treat a miss as normal.
 */
export interface Cache {
  get(key: string): Promise<string | null>;
  /** Stores `value`; with `ttlMs` it disappears after that long. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Takes the lock if free; returns the token that releases it, or null when held. */
  acquireLock(key: string, ttlMs: number): Promise<string | null>;
  /** Releases the lock only if `token` still holds it (an expired lock may have a new owner). */
  releaseLock(key: string, token: string): Promise<boolean>;
  /** `set` then `releaseLock`, as one command where the cache can (optional). */
  setAndReleaseLock?(key: string, value: string, ttlMs: number, lockKey: string, token: string): Promise<boolean>;
  /**
   * Takes one token from the bucket `key` (refilling at `ratePerSecond`, holding at most
   * `burst`), shared by every process using this cache: a limit that holds across replicas.
   */
  takeToken(key: string, ratePerSecond: number, burst: number): Promise<TokenTake>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface TokenTake {
  allowed: boolean;
  /** When refused: how long until a token is free. */
  retryAfterMs: number;
}

/**
 * The generic cell rate algorithm: a bucket is one number, the time its tokens run out
 * to (`tat`). A take moves it on by one token's interval, and is refused when that would
 * put it more than a full bucket ahead of now. Both caches run this arithmetic.
 */
export function gcra(tat: number | undefined, now: number, ratePerSecond: number, burst: number): { take: TokenTake; tat: number } {
  const interval = 1000 / ratePerSecond;
  const next = Math.max(tat ?? now, now) + interval;
  const over = next - now - Math.max(1, burst) * interval;
  if (over > 0) return { take: { allowed: false, retryAfterMs: Math.ceil(over) }, tat: tat ?? now };
  return { take: { allowed: true, retryAfterMs: 0 }, tat: next };
}

export class LockBusyError extends Error {
  constructor(readonly key: string) {
    super(`lock ${key} is held by someone else`);
    this.name = 'LockBusyError';
  }
}

export interface WithLockOptions {
  ttlMs: number;
  /** How long to keep trying before giving up with LockBusyError. */
  waitMs?: number;
  retryEveryMs?: number;
}

/** Runs `work` holding the lock `key`, waiting up to `waitMs` for it. */
export async function withLock<T>(cache: Cache, key: string, options: WithLockOptions, work: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + (options.waitMs ?? 0);
  const retry = options.retryEveryMs ?? 10;
  for (;;) {
    const token = await cache.acquireLock(key, options.ttlMs);
    if (token !== null) {
      try {
        return await work();
      } finally {
        await cache.releaseLock(key, token);
      }
    }
    if (Date.now() >= giveUpAt) throw new LockBusyError(key);
    await new Promise((resolve) => setTimeout(resolve, retry));
  }
}
