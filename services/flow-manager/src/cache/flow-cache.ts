import { parseJson } from '@voxmesh/wire';
import type { FlowRecord } from '../domain/model.js';
import type { ResilientCache } from './resilient-cache.js';

/** Flows read often (every activeflow start, every fetch_flow) and change rarely: kept in Redis. */
export class FlowCache {
  constructor(
    private readonly cache: ResilientCache,
    private readonly ttlMs: number,
  ) {}

  private key(id: string): string {
    return `flow-manager:flow:${id}`;
  }

  async get(id: string): Promise<FlowRecord | undefined> {
    const cached = await this.cache.get(this.key(id));
    return cached === null ? undefined : (parseJson(cached) as FlowRecord);
  }

  async put(flow: FlowRecord): Promise<void> {
    await this.cache.set(this.key(flow.id), JSON.stringify(flow), this.ttlMs);
  }

  async drop(id: string): Promise<void> {
    await this.cache.del(this.key(id));
  }
}
