import type { ActiveflowState } from '../domain/model.js';
import type { ActiveflowRepository, ActiveflowWrite } from './activeflow-repository.js';

export interface WriterOptions {
  /** Rows in one statement. */
  maxBatch: number;
  /** Statements in flight at once; further writes wait and go out together. */
  maxInFlight: number;
}

interface Pending extends ActiveflowWrite {
  resolve: (written: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for activeflow steps. A write goes out at once while the database keeps
 * up; when `maxInFlight` statements are already out, the writes that arrive meanwhile
 * wait and then go out as one statement. A quiet service pays no delay, and a busy one
 * pays one commit per batch instead of one per step.
 */
export class ActiveflowWriter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly repository: ActiveflowRepository,
    private readonly options: WriterOptions,
  ) {}

  /** Writes `state` over `expectedVersion`; false when another writer got there first. */
  write(state: ActiveflowState, expectedVersion: number, serialized?: string, columnsUnchanged?: boolean): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ state, expectedVersion, serialized, columnsUnchanged, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      this.repository
        .updateMany(batch.map(({ state, expectedVersion, serialized, columnsUnchanged }) => ({ state, expectedVersion, serialized, columnsUnchanged })))
        .then(
          (written) => batch.forEach((pending, index) => pending.resolve(written[index] === true)),
          (error: unknown) => batch.forEach((pending) => pending.reject(error)),
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }

  /** The next batch: queued writes in order, one per activeflow. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const ids = new Set<string>();
    for (let index = 0; index < this.queue.length && batch.length < this.options.maxBatch; ) {
      const pending = this.queue[index]!;
      if (ids.has(pending.state.id)) {
        index++;
        continue;
      }
      ids.add(pending.state.id);
      batch.push(pending);
      this.queue.splice(index, 1);
    }
    return batch;
  }
}
