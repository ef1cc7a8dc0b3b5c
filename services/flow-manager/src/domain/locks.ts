import { randomUUID } from 'node:crypto';
import { VoipError } from '@voxmesh/wire';
import type { ResilientCache } from '../cache/resilient-cache.js';

export interface LockOptions {
  /** A lock outlives a crashed holder by at most this long. */
  ttlMs: number;
  /** How long to wait for another replica's step before answering 503. */
  waitMs: number;
  retryEveryMs: number;
}

/** The activeflow's lock kept in its database row: the stand-in while the cache is away. */
export interface RowLocks {
  tryRowLock(id: string, token: string, ttlMs: number): Promise<'acquired' | 'busy' | 'missing'>;
  releaseRowLock(id: string, token: string): Promise<void>;
}

/** Lets the holder leave one cache write to go out with the lock's release. */
export interface LockRelease {
  /** Writes `key` when the lock is released (in the same command where the cache can). */
  alsoSet(key: string, value: string, ttlMs: number): void;
}

/**
 * The per-activeflow lock every step runs under. Requests for one activeflow on this
 * replica queue in process first, so only one of them at a time contends for the Redis
 * lock that keeps replicas apart. When Redis is away the lock moves into the activeflow's
 * row (two more statements a step, only then), so two replicas still never run one
 * step's side effects at once; the versioned write refuses a second advance either way.
 */
export class ActiveflowLocks {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly cache: ResilientCache,
    private readonly options: LockOptions,
    private readonly rows?: RowLocks,
  ) {}

  /**
   * Runs `work` holding the activeflow's lock. `prefetch` (a read of the Redis copy) is
   * sent right behind each lock request on the same connection, so when the lock is
   * won the copy it read is the one the previous holder left: one round trip, not two.
   */
  async run<T, P = undefined>(
    id: string,
    deadline: number | undefined,
    work: (prefetched: P | undefined, release: LockRelease) => Promise<T>,
    prefetch?: () => Promise<P>,
  ): Promise<T> {
    const previous = this.tails.get(id);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous ? previous.then(() => mine) : mine;
    this.tails.set(id, tail);
    try {
      if (previous) await previous;
      if (deadline !== undefined && Date.now() > deadline) throw VoipError.deadline('the caller stopped waiting before the activeflow was free');
      return await this.runDistributed(id, deadline, work, prefetch);
    } finally {
      release();
      if (this.tails.get(id) === tail) this.tails.delete(id);
    }
  }

  private async runDistributed<T, P>(
    id: string,
    deadline: number | undefined,
    work: (prefetched: P | undefined, release: LockRelease) => Promise<T>,
    prefetch?: () => Promise<P>,
  ): Promise<T> {
    const key = `flow-manager:lock:activeflow:${id}`;
    const giveUpAt = Math.min(Date.now() + this.options.waitMs, deadline ?? Number.POSITIVE_INFINITY);
    for (;;) {
      const [attempt, prefetched] = await Promise.all([this.cache.tryLock(key, this.options.ttlMs), prefetch?.()]);
      if (attempt.kind === 'unavailable') {
        const held = await this.runOnRow(id, work);
        if (held.ran) return held.result;
      }
      if (attempt.kind === 'acquired') {
        let write: { key: string; value: string; ttlMs: number } | undefined;
        try {
          return await work(prefetched, { alsoSet: (setKey, value, ttlMs) => (write = { key: setKey, value, ttlMs }) });
        } finally {
          // Not waited for: the next request for this activeflow sends its lock request
          // behind this release on the same connection, so it cannot overtake it; the
          // write left for the release reaches Redis before the lock is free.
          if (write) void this.cache.setAndUnlock(write.key, write.value, write.ttlMs, key, attempt.token);
          else void this.cache.unlock(key, attempt.token);
        }
      }
      if (Date.now() >= giveUpAt) throw VoipError.unavailable(`activeflow ${id} is busy in another replica`, 'ACTIVEFLOW_BUSY');
      await new Promise((resolve) => setTimeout(resolve, this.options.retryEveryMs));
    }
  }

  /** Runs `work` under the row lock; `ran: false` when another replica holds it. */
  private async runOnRow<T, P>(
    id: string,
    work: (prefetched: P | undefined, release: LockRelease) => Promise<T>,
  ): Promise<{ ran: true; result: T } | { ran: false }> {
    const direct: LockRelease = { alsoSet: (setKey, value, ttlMs) => void this.cache.set(setKey, value, ttlMs) };
    if (!this.rows) return { ran: true, result: await work(undefined, direct) };
    const token = randomUUID();
    const row = await this.rows.tryRowLock(id, token, this.options.ttlMs);
    // No such activeflow: the work answers that itself.
    if (row === 'missing') return { ran: true, result: await work(undefined, direct) };
    if (row === 'busy') return { ran: false };
    try {
      return { ran: true, result: await work(undefined, direct) };
    } finally {
      // Left to expire when it cannot be freed now.
      await this.rows.releaseRowLock(id, token).catch(() => undefined);
    }
  }
}
