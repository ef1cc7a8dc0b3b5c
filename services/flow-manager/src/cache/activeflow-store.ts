import type { ActiveflowFilters, ActiveflowRepository } from '../db/activeflow-repository.js';
import type { Page } from '../db/paging.js';
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
  constructor(
    private readonly repository: ActiveflowRepository,
    private readonly cache: ResilientCache,
    private readonly ttlMs: number,
  ) {}

  private key(id: string): string {
    return `flow-manager:activeflow:${id}`;
  }

  async load(id: string, from: LoadSource): Promise<{ state: ActiveflowState; source: LoadSource } | undefined> {
    if (from === 'cache') {
      const cached = await this.cache.get(this.key(id));
      if (cached !== null) return { state: JSON.parse(cached) as ActiveflowState, source: 'cache' };
    }
    const state = await this.repository.get(id);
    if (!state) return undefined;
    await this.cache.set(this.key(id), JSON.stringify(state), this.ttlMs);
    return { state, source: 'database' };
  }

  async insert(state: ActiveflowState): Promise<void> {
    await this.repository.insert(state);
    await this.cache.set(this.key(state.id), JSON.stringify(state), this.ttlMs);
  }

  /** Saves `state` over version `expectedVersion`, bumping the version; VersionConflict if it moved. */
  async save(state: ActiveflowState, expectedVersion: number): Promise<void> {
    state.version = expectedVersion + 1;
    if (!(await this.repository.update(state, expectedVersion))) {
      state.version = expectedVersion;
      await this.cache.del(this.key(state.id));
      throw new VersionConflict(state.id);
    }
    await this.cache.set(this.key(state.id), JSON.stringify(state), this.ttlMs);
  }

  list(filters: ActiveflowFilters, page: Page) {
    return this.repository.list(filters, page);
  }
}
