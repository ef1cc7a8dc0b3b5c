/**
 * Gathers calls made close together into one batch: `load` calls made while a batch is
 * in flight wait and go out together in the next one. Under load each database round
 * trip (and each fsync of a commit) then serves many deliveries; when idle a call goes
 * out on the next turn of the event loop, alone.
 */
export class Batcher<K, V> {
  private waiting: { key: K; resolve: (value: V) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (keys: K[]) => Promise<V[]>,
    private readonly options: { maxSize?: number; maxInFlight?: number } = {},
  ) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    if (this.inFlight >= (this.options.maxInFlight ?? 2)) return; // the batch in flight will call us when done
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const batch = this.waiting.splice(0, this.options.maxSize ?? 200);
    if (batch.length === 0) return;
    this.inFlight++;
    this.run(batch.map((each) => each.key))
      .then(
        (values) => batch.forEach((each, index) => each.resolve(values[index]!)),
        (error: unknown) => batch.forEach((each) => each.reject(error)),
      )
      .finally(() => {
        this.inFlight--;
        this.schedule();
      });
    this.schedule();
  }
}
