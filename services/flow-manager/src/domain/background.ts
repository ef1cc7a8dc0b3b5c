import type { Logger } from '@voxmesh/telemetry';

/**
 * Work nobody waits for (events, non-sync webhooks, follow-up flows): kept track of so
 * a failure is logged and a graceful stop can wait for it to finish.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly logger: Logger) {}

  add(what: string, work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.logger.warn({ err: error instanceof Error ? error.message : String(error), what }, 'background work failed'));
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
