import type { Logger } from '@voxmesh/telemetry';

/**
 * Work nobody waits for (events, non-sync webhooks, follow-up flows): kept track of so
 * a failure is logged and a graceful stop can wait for it to finish. Tracking is a count
 * and one callback per piece of work: every step publishes an event through here.
 */
export class BackgroundWork {
  private running = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly logger: Logger) {}

  add(what: string, work: Promise<unknown>): void {
    this.running++;
    work.then(
      () => this.finished(),
      (error: unknown) => {
        this.logger.warn({ err: error instanceof Error ? error.message : String(error), what }, 'background work failed');
        this.finished();
      },
    );
  }

  async drain(): Promise<void> {
    while (this.running > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private finished(): void {
    this.running--;
    if (this.running > 0) return;
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }
}
