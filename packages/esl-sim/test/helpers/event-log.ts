import type { EslEvent, EslSimulator } from '../../src/index.js';

/** Records every event the simulator fires, for tests to wait on and inspect. */
export class EventLog {
  readonly events: EslEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly unsubscribe: () => void;

  constructor(simulator: EslSimulator) {
    this.unsubscribe = simulator.subscribe((event) => {
      this.events.push(event);
      for (const waiter of this.waiters) waiter();
    });
  }

  /** Events of one channel (by Unique-ID), by name. */
  of(uuid: string): string[] {
    return this.events.filter((e) => e.get('Unique-ID') === uuid).map((e) => (e.subclass ? `${e.name} ${e.subclass}` : e.name));
  }

  find(predicate: (event: EslEvent) => boolean): EslEvent | undefined {
    return this.events.find(predicate);
  }

  /** Resolves with the first event, past or future, that satisfies the predicate. */
  waitFor(predicate: (event: EslEvent) => boolean, timeoutMs = 3000): Promise<EslEvent> {
    const found = this.events.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const event = this.events.find(predicate);
        if (!event) return;
        cleanup();
        resolve(event);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error('timed out waiting for an event'));
      }, timeoutMs);
      this.timers.add(timer);
      const cleanup = () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** Waits for an event by name on a channel (or any channel). */
  waitForEvent(name: string, uuid?: string, extra: (event: EslEvent) => boolean = () => true, timeoutMs = 3000): Promise<EslEvent> {
    return this.waitFor((e) => e.name === name && (uuid === undefined || e.get('Unique-ID') === uuid) && extra(e), timeoutMs);
  }

  /** Stops recording; waits still pending are dropped without settling. */
  stop(): void {
    this.unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiters.clear();
  }
}
