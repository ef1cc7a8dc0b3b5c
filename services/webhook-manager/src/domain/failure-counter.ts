import { LockBusyError, withLock, type Cache } from '@voxmesh/store';
import { parseJson } from '@voxmesh/wire';

/**
 * Failed attempts per hook within a sliding window, kept in the shared cache (Redis)
 * so that every replica adds to the same count; Kazoo counts per node, so a hook
 * failing on three nodes needs three times the failures to be disabled.
 * The cache offers values and locks, so the window is a list of timestamps updated
 * under a short lock.
 */
export class FailureCounter {
  constructor(
    private readonly cache: Cache,
    private readonly now: () => number = Date.now,
  ) {}

  private key(hookId: string): string {
    return `webhooks:failures:${hookId}`;
  }

  /** Adds one failure and returns how many fell within the last `windowMs`. */
  async record(hookId: string, windowMs: number, keep: number): Promise<number> {
    const key = this.key(hookId);
    const update = async () => {
      const at = this.now();
      const recent = parseList(await this.cache.get(key)).filter((time) => time > at - windowMs);
      recent.push(at);
      const kept = recent.slice(-Math.max(1, keep));
      await this.cache.set(key, JSON.stringify(kept), windowMs);
      return recent.length;
    };
    try {
      return await withLock(this.cache, `${key}:lock`, { ttlMs: 2000, waitMs: 3000, retryEveryMs: 5 }, update);
    } catch (error) {
      // A lock held past its wait is a stuck replica; counting without it beats not counting.
      if (error instanceof LockBusyError) return update();
      throw error;
    }
  }

  async clear(hookId: string): Promise<void> {
    await this.cache.del(this.key(hookId));
  }
}

function parseList(raw: string | null): number[] {
  if (!raw) return [];
  try {
    const value: unknown = parseJson(raw);
    return Array.isArray(value) ? value.filter((each): each is number => typeof each === 'number') : [];
  } catch {
    return [];
  }
}
