/**
 * Runs tasks of one key one after another, in the order they were handed in, while
 * tasks of different keys run side by side. The subscriber hands events over in the
 * order the broker delivered them, so one call's events keep that order.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string | undefined, task: () => Promise<T>): Promise<T> {
    if (key === undefined) return task();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return current;
  }

  get size(): number {
    return this.tails.size;
  }
}
