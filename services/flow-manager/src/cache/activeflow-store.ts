import { parseJson } from '@voxmesh/wire';
import type { ActiveflowWriter } from '../db/activeflow-writer.js';
import { serializeState, type ActiveflowFilters, type ActiveflowRepository } from '../db/activeflow-repository.js';
import type { Page } from '@voxmesh/store';
import type { LockRelease } from '../domain/locks.js';
import type { ActiveflowState } from '../domain/model.js';
import type { ResilientCache } from './resilient-cache.js';

export type LoadSource = 'cache' | 'database';

/** Another writer saved the activeflow since it was read. */
export class VersionConflict extends Error {
  constructor(readonly id: string) {
    super(`activeflow ${id} changed while it was being worked on`);
    this.name = 'VersionConflict';
  }
}

/**
 * Activeflow state, written through: MySQL first (the source of truth, a versioned
 * write), then the Redis copy. Reads try Redis, then MySQL. A copy read from Redis is
 * trusted only as far as the versioned write lets it be: if it was stale the write
 * fails and the caller reloads from MySQL.
 */
export class ActiveflowStore {
  /**
   * The state this replica last wrote or read from MySQL, by activeflow (most recent
   * last, at most `maxRecent`). A step may start from it instead of reading the Redis
   * copy: it is trusted exactly as that copy is, no further than the versioned write.
   */
  private readonly recent = new Map<string, string>();

  constructor(
    private readonly repository: ActiveflowRepository,
    private readonly writer: ActiveflowWriter,
    private readonly cache: ResilientCache,
    private readonly ttlMs: number,
    private readonly maxRecent = 10_000,
  ) {}

  private key(id: string): string {
    return `flow-manager:activeflow:${id}`;
  }

  /**
   * Reads the Redis copy (null when there is none or Redis is away); with `mine`, the
   * state this replica last saw of the activeflow when it has one, without asking Redis.
   */
  peek(id: string, mine = false): Promise<string | null> {
    if (mine) {
      const recent = this.recent.get(id);
      if (recent !== undefined) return Promise.resolve(recent);
    }
    return this.cache.get(this.key(id));
  }

  private remember(id: string, serialized: string): void {
    this.recent.delete(id);
    this.recent.set(id, serialized);
    if (this.recent.size > this.maxRecent) this.recent.delete(this.recent.keys().next().value!);
  }

  /** Loads from Redis (or takes what `peek` found) and falls back to MySQL. */
  async load(id: string, from: LoadSource, peeked?: string | null): Promise<{ state: ActiveflowState; source: LoadSource } | undefined> {
    if (from === 'cache') {
      const cached = peeked !== undefined && peeked !== null ? peeked : await this.cache.get(this.key(id));
      if (cached !== null) return { state: parseJson(cached) as ActiveflowState, source: 'cache' };
    }
    const state = await this.repository.get(id);
    if (!state) {
      this.recent.delete(id);
      return undefined;
    }
    const serialized = serializeState(state);
    this.remember(id, serialized);
    await this.cache.set(this.key(id), serialized, this.ttlMs);
    return { state, source: 'database' };
  }

  async insert(state: ActiveflowState): Promise<void> {
    const serialized = serializeState(state);
    await this.repository.insert(state, serialized);
    this.remember(state.id, serialized);
    await this.cache.set(this.key(state.id), serialized, this.ttlMs);
  }

  /**
   * Saves `state` over version `expectedVersion`, bumping the version; VersionConflict if
   * it moved. `columnsUnchanged` says the filterable columns are as they were read. The
   * Redis copy is sent, not waited for: with `release` it goes out with the activeflow
   * lock's release, in one command; else the release follows it on the same connection.
   * Either way the next holder reads it, and MySQL has the state already.
   */
  async save(state: ActiveflowState, expectedVersion: number, columnsUnchanged = false, release?: LockRelease): Promise<void> {
    state.version = expectedVersion + 1;
    const serialized = serializeState(state);
    let written: boolean;
    try {
      written = await this.writer.write(state, expectedVersion, serialized, columnsUnchanged);
    } catch (error) {
      // Whether the write landed is unknown: the next step starts from MySQL's copy.
      this.recent.delete(state.id);
      throw error;
    }
    if (!written) {
      state.version = expectedVersion;
      this.recent.delete(state.id);
      await this.cache.del(this.key(state.id));
      throw new VersionConflict(state.id);
    }
    this.remember(state.id, serialized);
    if (release) release.alsoSet(this.key(state.id), serialized, this.ttlMs);
    else void this.cache.set(this.key(state.id), serialized, this.ttlMs);
  }

  list(filters: ActiveflowFilters, page: Page) {
    return this.repository.list(filters, page);
  }
}
