import type { CallRegistry } from './registry.js';

/**
 * The longest a call may last (voipbin's one-hour cap): calls past it are hung up with
 * reason `timeout` (ALLOTTED_TIMEOUT). The guard looks at the calls this replica holds,
 * which after a restart include the ones it took back.
 */
export class DurationGuard {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: CallRegistry,
    private readonly maxMs: number,
  ) {}

  start(): void {
    const every = Math.max(50, Math.min(5000, Math.floor(this.maxMs / 10)));
    this.timer = setInterval(() => this.sweep(), every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  sweep(now = Date.now()): void {
    for (const session of this.registry.all()) {
      if (session.ending || now - Date.parse(session.call.tm_create) < this.maxMs) continue;
      session.enqueue('maximum duration', () => session.requestHangup('timeout', { cause: 'ALLOTTED_TIMEOUT' }));
    }
  }
}
