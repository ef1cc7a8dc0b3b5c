import type { Cache } from '@voxmesh/store';
import type { Logger } from '@voxmesh/telemetry';
import type { AttemptRepository } from '../db/attempt-repository.js';
import type { DeliveryRepository } from '../db/delivery-repository.js';
import type { WebhookRepository } from '../db/webhook-repository.js';
import type { WebhookMetrics } from '../metrics.js';
import type { DeliveryQueue } from './delivery-queue.js';

export interface SweeperOptions {
  deliveries: DeliveryRepository;
  attempts: AttemptRepository;
  webhooks: WebhookRepository;
  queue: DeliveryQueue;
  cache: Cache;
  metrics: WebhookMetrics;
  logger: Logger;
  intervalMs: number;
  /** A delivery whose wake-up is this overdue, and that nobody holds, is woken again. */
  overdueMs: number;
  retentionMs: number;
  batch?: number;
  now?: () => number;
}

const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * The safety net of the outbox. Every interval one replica (whoever takes the lock)
 * wakes the deliveries whose wake-up message went missing: a crash between writing a
 * row and sending its message, a message dropped after a handler error, a replica that
 * died holding a lease. It also refreshes the outbox gauges and, hourly, deletes what
 * the retention period has passed.
 */
export class Sweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastPurge = 0;
  private readonly now: () => number;

  constructor(private readonly options: SweeperOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    const tick = () => {
      this.running = this.sweep()
        .then(() => undefined)
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'sweep failed'))
        .finally(() => {
          this.running = undefined;
          if (this.timer !== undefined) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass; returns how many deliveries it woke. */
  async sweep(): Promise<number> {
    const { cache, deliveries, metrics } = this.options;
    // Every replica reports the gauges, so that a scrape of any one of them is current.
    metrics.outboxDepth.set({ service: metrics.service }, await deliveries.countPending());
    metrics.disabledHooks.set({ service: metrics.service }, await this.options.webhooks.countAutoDisabled());
    const token = await cache.acquireLock('webhooks:sweeper', Math.max(1000, this.options.intervalMs - 100));
    if (token === null) return 0; // another replica sweeps this round
    const now = this.now();
    const stalled = await deliveries.findStalled(now, now - this.options.overdueMs, this.options.batch ?? 500);
    if (stalled.length > 0) {
      await deliveries.markKicked(stalled, now);
      await this.options.queue.kick(stalled);
      this.options.logger.info({ count: stalled.length }, 'woke deliveries whose wake-up was lost');
    }
    if (now - this.lastPurge >= PURGE_EVERY_MS) {
      this.lastPurge = now;
      const before = now - this.options.retentionMs;
      const purged = (await deliveries.purgeFinished(before)) + (await this.options.attempts.purge(before));
      if (purged > 0) this.options.logger.info({ purged }, 'deleted deliveries and attempts past retention');
    }
    // The lock is left to expire: a replica that finished quickly must not let another sweep right behind it.
    return stalled.length;
  }
}
