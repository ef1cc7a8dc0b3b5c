import type { Cache } from '@voxmesh/store';
import type { Logger } from '@voxmesh/telemetry';
import type { FlowMetrics } from '../metrics.js';

export interface ResilientCacheOptions {
  /** An operation slower than this counts as a failure. */
  operationTimeoutMs: number;
  /** After a failure the cache is left alone this long, then tried again. */
  cooldownMs: number;
  logger: Logger;
  metrics: FlowMetrics;
}

type Attempt<T> = { ok: true; value: T } | { ok: false };
const NOT_DONE: Promise<{ ok: false }> = Promise.resolve({ ok: false });

interface InFlight {
  deadline: number;
  expire(): void;
}

export type LockAttempt = { kind: 'acquired'; token: string } | { kind: 'busy' } | { kind: 'unavailable' };

/**
 * Redis as flow-manager uses it: a copy of hot state in front of MySQL, never the only
 * copy. A failing or slow cache is switched off for a cool-down, so while Redis is away
 * every request goes straight to MySQL instead of waiting on a dead socket first. Keys
 * written while the cache was away are deleted once it is back, so a cache that was only
 * unreachable (not emptied) cannot serve what it held from before.
 */
export class ResilientCache {
  private downUntil = 0;
  private down = false;
  private readonly missed = new Set<string>();
  /** Operations in flight, oldest first. */
  private readonly inFlight = new Set<InFlight>();
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly inner: Cache,
    private readonly options: ResilientCacheOptions,
  ) {}

  get available(): boolean {
    return !this.down || Date.now() >= this.downUntil;
  }

  async get(key: string): Promise<string | null> {
    const result = await this.attempt('get', () => this.inner.get(key));
    return result.ok ? result.value : null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const result = await this.attempt('set', () => this.inner.set(key, value, ttlMs));
    if (!result.ok) this.missed.add(key);
  }

  async del(key: string): Promise<void> {
    const result = await this.attempt('del', () => this.inner.del(key));
    if (!result.ok) this.missed.add(key);
  }

  async tryLock(key: string, ttlMs: number): Promise<LockAttempt> {
    const result = await this.attempt('lock', () => this.inner.acquireLock(key, ttlMs));
    if (!result.ok) {
      // A lock request that timed out may still be taken when a frozen Redis wakes up,
      // with a token nobody knows: it goes with the other keys to delete on recovery.
      this.missed.add(key);
      return { kind: 'unavailable' };
    }
    return result.value === null ? { kind: 'busy' } : { kind: 'acquired', token: result.value };
  }

  async unlock(key: string, token: string): Promise<void> {
    // A lock we could not release expires by its TTL.
    await this.attempt('unlock', () => this.inner.releaseLock(key, token));
  }

  /** `set` then `unlock`, in one command when the cache offers it. */
  async setAndUnlock(key: string, value: string, ttlMs: number, lockKey: string, token: string): Promise<void> {
    const inner = this.inner;
    if (!inner.setAndReleaseLock) {
      await Promise.all([this.set(key, value, ttlMs), this.unlock(lockKey, token)]);
      return;
    }
    const result = await this.attempt('set', () => inner.setAndReleaseLock!(key, value, ttlMs, lockKey, token));
    if (!result.ok) this.missed.add(key);
  }

  /**
   * Runs one operation, failing it once it has taken longer than the timeout. One timer
   * watches every operation in flight (they end in the order they started, give or take),
   * rather than a timer and a race for each of the several a step makes.
   */
  private attempt<T>(operation: string, work: () => Promise<T>): Promise<Attempt<T>> {
    if (this.down && Date.now() < this.downUntil) return NOT_DONE;
    return new Promise<Attempt<T>>((resolve) => {
      const op: InFlight = {
        deadline: Date.now() + this.options.operationTimeoutMs,
        expire: () => finish(new Error(`cache ${operation} took longer than ${this.options.operationTimeoutMs} ms`), undefined, false),
      };
      const finish = (error: unknown, value: T | undefined, ok: boolean) => {
        if (!this.inFlight.delete(op)) return;
        if (ok) {
          if (this.down) this.recovered();
          resolve({ ok: true, value: value as T });
        } else {
          this.failed(operation, error);
          resolve({ ok: false });
        }
      };
      this.inFlight.add(op);
      this.watch();
      let running: Promise<T>;
      try {
        running = work();
      } catch (error) {
        running = Promise.reject(error);
      }
      running.then(
        (value) => finish(undefined, value, true),
        (error: unknown) => finish(error, undefined, false),
      );
    });
  }

  /** Arms the one timer for the oldest operation in flight, if it is not armed. */
  private watch(): void {
    if (this.watchdog !== undefined) return;
    const oldest = this.inFlight.values().next();
    if (oldest.done) return;
    this.watchdog = setTimeout(() => {
      this.watchdog = undefined;
      const now = Date.now();
      for (const op of this.inFlight) {
        if (op.deadline > now) break;
        op.expire();
      }
      this.watch();
    }, Math.max(1, oldest.value.deadline - Date.now()));
  }

  private failed(operation: string, error: unknown): void {
    this.options.metrics.cacheFailures.inc({ operation });
    this.downUntil = Date.now() + this.options.cooldownMs;
    if (!this.down) {
      this.down = true;
      this.options.metrics.cacheAvailable.set(0);
      this.options.logger.warn({ err: error instanceof Error ? error.message : String(error), operation }, 'cache unavailable; running from the database');
    }
  }

  private recovered(): void {
    this.down = false;
    this.options.metrics.cacheAvailable.set(1);
    this.options.logger.info({ stale_keys: this.missed.size }, 'cache is back');
    const stale = [...this.missed];
    this.missed.clear();
    void (async () => {
      for (const key of stale) {
        const result = await this.attempt('del', () => this.inner.del(key));
        if (!result.ok) {
          for (const rest of stale.slice(stale.indexOf(key))) this.missed.add(rest);
          return;
        }
      }
    })();
  }
}
