import { VoipError } from '@voxmesh/wire';

export interface BreakerOptions {
  /** Consecutive transport failures or deadlines that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit fails calls at once before letting one probe through. */
  openMs: number;
}

export const defaultBreakerOptions: BreakerOptions = { failureThreshold: 5, openMs: 5000 };

/**
 * Failures of our own broker connection, the request never left (BROKER_DOWN) or the
 * connection dropped under it (CONNECTION_LOST), say nothing of the target; and a
 * circuit they opened would keep failing calls for `openMs` after the broker is back.
 */
const OUR_CONNECTION = new Set(['BROKER_DOWN', 'CONNECTION_LOST']);

type State = { kind: 'closed'; failures: number } | { kind: 'open'; until: number } | { kind: 'half_open' };

/**
 * A circuit breaker for one target queue. Only failures that say the target is not
 * there (UNAVAILABLE, DEADLINE_EXCEEDED) count; a 4xx or 5xx answer proves it is alive,
 * and our own broker connection being down proves nothing either way.
 */
export class CircuitBreaker {
  private state: State = { kind: 'closed', failures: 0 };

  constructor(
    private readonly target: string,
    private readonly options: BreakerOptions,
    private readonly onChange: (open: boolean) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws UNAVAILABLE while open; lets a single probe through once the open time is over. */
  admit(): void {
    const state = this.state;
    if (state.kind === 'open') {
      if (this.now() < state.until) {
        throw VoipError.unavailable(`circuit to ${this.target} is open after repeated failures`, 'CIRCUIT_OPEN');
      }
      this.state = { kind: 'half_open' };
      return;
    }
    if (state.kind === 'half_open') {
      throw VoipError.unavailable(`circuit to ${this.target} is half-open and probing`, 'CIRCUIT_OPEN');
    }
  }

  succeeded(): void {
    if (this.state.kind !== 'closed') this.onChange(false);
    this.state = { kind: 'closed', failures: 0 };
  }

  failed(error: unknown): void {
    if (error instanceof VoipError && error.reason === 'CIRCUIT_OPEN') return;
    if (error instanceof VoipError && OUR_CONNECTION.has(error.reason)) {
      // A probe that never reached the target learned nothing: the next call probes again.
      if (this.state.kind === 'half_open') this.state = { kind: 'open', until: this.now() };
      return;
    }
    const countable = error instanceof VoipError && error.retryable;
    if (!countable) {
      if (this.state.kind === 'half_open') this.succeeded();
      return;
    }
    if (this.state.kind === 'half_open') return this.open();
    if (this.state.kind === 'closed') {
      const failures = this.state.failures + 1;
      if (failures >= this.options.failureThreshold) return this.open();
      this.state = { kind: 'closed', failures };
    }
  }

  get isOpen(): boolean {
    return this.state.kind !== 'closed';
  }

  private open(): void {
    this.state = { kind: 'open', until: this.now() + this.options.openMs };
    this.onChange(true);
  }
}
