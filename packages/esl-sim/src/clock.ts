/**
 * Simulated time. Durations inside the simulator (a prompt's length, a ring time, a
 * sleep) are simulated milliseconds; the clock waits `timeScale` real milliseconds
 * for each, so a 3 s prompt takes 30 ms at a scale of 0.01. Timestamps run at the
 * same pace from the moment the clock was made, so durations read from events
 * (billsec, record_ms) agree with the simulated lengths.
 */
export class SimClock {
  private readonly originMs = Date.now();
  private readonly originPerf = performance.now();
  private readonly timers = new Set<NodeJS.Timeout>();
  private lastMicros = 0;
  /**
   * Simulated time never reads earlier than the target of a timer that has fired:
   * timers may fire up to a millisecond early by the clock (libuv counts whole
   * milliseconds), which at a scale of 0.01 would be 100 simulated ms, and a 5 s
   * sleep must not measure 4.9 s.
   */
  private floorMs = 0;

  constructor(readonly timeScale: number) {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError('the time scale must be a positive number');
  }

  /** Simulated wall-clock time in milliseconds since the epoch. */
  now(): number {
    return Math.max(this.originMs + (performance.now() - this.originPerf) / this.timeScale, this.floorMs);
  }

  /** Simulated time in microseconds, strictly increasing so that events order by it. */
  nowMicros(): number {
    const micros = Math.max(Math.floor(this.now() * 1000), this.lastMicros + 1);
    this.lastMicros = micros;
    return micros;
  }

  /** Runs `fn` after `simMs` simulated milliseconds; returns a cancel function. */
  schedule(simMs: number, fn: () => void): () => void {
    const target = this.now() + Math.max(0, simMs);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.floorMs = Math.max(this.floorMs, target);
      fn();
    }, Math.max(0, simMs * this.timeScale));
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Resolves after `simMs`, or at once when `signal` aborts. Never rejects. */
  sleep(simMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        cancel();
        resolve();
      };
      const cancel = this.schedule(simMs, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Drops every pending timer, so a stopped simulator leaves no handle open. */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
