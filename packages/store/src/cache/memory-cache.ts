import { randomUUID } from 'node:crypto';
import { gcra, type Cache, type TokenTake } from './cache.js';

interface Entry {
  value: string;
  expiresAt: number | undefined;
}

/** The in-process cache with Redis's semantics for the embedded default and unit tests. */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: ttlMs === undefined ? undefined : this.now() + ttlMs });
  }

  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | null> {
    if (this.live(key)) return null;
    const token = randomUUID();
    this.entries.set(key, { value: token, expiresAt: this.now() + ttlMs });
    return token;
  }

  async releaseLock(key: string, token: string): Promise<boolean> {
    if (this.live(key)?.value !== token) return false;
    this.entries.delete(key);
    return true;
  }

  async takeToken(key: string, ratePerSecond: number, burst: number): Promise<TokenTake> {
    const now = this.now();
    const stored = this.live(key);
    const { take, tat } = gcra(stored === undefined ? undefined : Number(stored.value), now, ratePerSecond, burst);
    // A bucket that has refilled completely holds nothing worth keeping.
    if (take.allowed) this.entries.set(key, { value: String(tat), expiresAt: tat });
    return take;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
