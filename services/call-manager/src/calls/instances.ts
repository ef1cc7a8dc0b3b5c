import type { Cache } from '@voxmesh/store';
import type { Logger } from '@voxmesh/telemetry';

/**
 * Which call-manager replicas are alive: each refreshes a key in the cache while it
 * runs. A replica whose key lapsed is gone, and the calls it held are taken over by
 * another. When the cache cannot be read, nobody is declared gone: a false takeover
 * would have two replicas drive one call.
 */
export class Instances {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly cache: Cache,
    private readonly self: string,
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  private key(instance: string): string {
    return `call-manager:instance:${instance}`;
  }

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), Math.max(50, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    // Leaving on purpose: the others need not wait for the key to lapse.
    await this.cache.del(this.key(this.self)).catch(() => undefined);
  }

  /** True when the replica is known gone; false when alive or when nobody can tell. */
  async gone(instance: string): Promise<boolean> {
    try {
      return (await this.cache.get(this.key(instance))) === null;
    } catch {
      return false;
    }
  }

  private async beat(): Promise<void> {
    try {
      await this.cache.set(this.key(this.self), String(Date.now()), this.ttlMs);
    } catch (error) {
      this.logger.warn({ err: error }, 'heartbeat not written');
    }
  }
}
