/**
 * Runs the work of one call one piece at a time, in the order it arrived: the
 * channel's events, the RPCs about it and its timeouts all go through one queue, so a
 * DTMF is never handled before the answer that preceded it. A failing piece does not
 * stop the ones after it.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly onError: (error: unknown, what: string) => void) {}

  /** Queues `work`; the returned promise settles with it (for callers that wait, such as RPCs). */
  run<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(work);
    const done = () => void this.pending--;
    this.tail = result.then(done, done);
    return result;
  }

  /** Queues `work` for nobody to wait on; its failure is reported, never thrown. */
  push(what: string, work: () => Promise<void>): void {
    this.run(work).catch((error: unknown) => this.onError(error, what));
  }

  /** Pieces queued or running. */
  get size(): number {
    return this.pending;
  }

  /** Resolves once everything queued so far has run. */
  drained(): Promise<void> {
    return this.tail;
  }
}
