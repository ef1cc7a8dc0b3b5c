/**
 * Token buckets by key (a client address, an account, a socket). A bucket refills at
 * `rate` per second up to `burst`; a request takes one token or is told how long to
 * wait. Idle buckets are full again, so they are forgotten to bound memory.
 */
export interface Limit {
  allowed: boolean;
  /** Seconds until a token is free, when refused. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const ALLOWED: Limit = { allowed: true, retryAfterSeconds: 0 };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
    maxKeys = 100_000,
  ) {
    this.maxKeys = maxKeys;
  }

  get enabled(): boolean {
    return this.rate > 0;
  }

  take(key: string): Limit {
    if (this.rate <= 0) return ALLOWED;
    const capacity = Math.max(1, this.burst);
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      bucket = { tokens: capacity, at: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return ALLOWED;
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate)) };
  }

  /** Drops buckets that have refilled completely; they hold nothing worth keeping. */
  private sweep(now: number): void {
    const capacity = Math.max(1, this.burst);
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.rate >= capacity) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
