import type { Cache } from '@voxmesh/store';
import type { Limit, RateLimiter } from './rate-limit.js';

export interface SharedRateLimiterOptions {
  cache: Cache;
  /** Names this limit's buckets in the cache. */
  prefix: string;
  rate: number;
  burst: number;
  /** This replica's own bucket, used while the cache does not answer. */
  fallback: RateLimiter;
  /** A cache slower than this is not waited for. */
  timeoutMs?: number;
}

const ALLOWED: Limit = { allowed: true, retryAfterSeconds: 0 };

/**
 * A limit every gateway replica shares through the cache (Redis in production), so a
 * client spreading its requests over the replicas, as a load balancer will, gets the
 * limit once and not once per replica. Losing the cache must not lock everyone out: it
 * falls back to this replica's own bucket until the cache answers again.
 */
export class SharedRateLimiter {
  constructor(private readonly options: SharedRateLimiterOptions) {}

  get enabled(): boolean {
    return this.options.rate > 0;
  }

  async take(key: string): Promise<Limit> {
    const { cache, prefix, rate, burst, fallback } = this.options;
    if (rate <= 0) return ALLOWED;
    let timer: NodeJS.Timeout | undefined;
    try {
      const take = await Promise.race([
        cache.takeToken(`${prefix}${key}`, rate, burst),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('rate limit cache timed out')), this.options.timeoutMs ?? 250);
        }),
      ]);
      return take.allowed ? ALLOWED : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(take.retryAfterMs / 1000)) };
    } catch {
      return fallback.take(key);
    } finally {
      clearTimeout(timer);
    }
  }
}
