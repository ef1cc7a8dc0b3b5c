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
  ping(): Promise<boolean>;
  close(): Promise<void>;
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
