import {
  Counter as PromCounter,
  Gauge as PromGauge,
  Histogram as PromHistogram,
  Registry,
  collectDefaultMetrics,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';
import { HotCounter } from './hot-metrics.js';
import type { Logger } from './logger.js';

/**
 * Telemetry must never fail the work it watches. prom-client throws from `inc`, `set`
 * and `observe` when a label set looks wrong to it (and it walks label objects with
 * `for…in`, so it throws for every call once anything has touched `Object.prototype`).
 * The metrics made here catch that: the failure is counted on
 * `telemetry_failures_total{metric}`, logged once per metric, and the request goes on.
 */
export class TelemetryFailures {
  private readonly counter: HotCounter;
  private readonly logged = new Set<string>();

  constructor(
    registry: Registry,
    private readonly logger: Logger | undefined,
  ) {
    this.counter = new HotCounter('telemetry_failures_total', 'Metric updates that failed and were dropped, by metric.', ['metric'], registry);
  }

  record(metric: string, error: unknown): void {
    try {
      this.counter.inc([metric]);
      if (this.logged.has(metric)) return;
      this.logged.add(metric);
      this.logger?.error({ metric, err: error }, 'a metric update failed; further failures of this metric are only counted');
    } catch {
      // The last line of defence: nothing telemetry does may escape to its caller.
    }
  }
}

/** The process's registry, which knows where its metrics report their own failures. */
export class MetricsRegistry extends Registry {
  readonly failures: TelemetryFailures;

  constructor(logger?: Logger) {
    super();
    this.failures = new TelemetryFailures(this, logger);
  }
}

export interface RegistryOptions {
  defaultMetrics?: boolean;
  /** Where a failing metric is reported, once per metric. */
  logger?: Logger;
}

/**
 * One registry per process: the composition root makes it and hands it to whatever
 * registers metrics. Several services in one process share it, each metric carrying a
 * `service` label, so one scrape sees them all.
 */
export function createRegistry(options: RegistryOptions = {}): MetricsRegistry {
  const registry = new MetricsRegistry(options.logger);
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

const UPDATES = ['inc', 'dec', 'set', 'setToCurrentTime', 'observe', 'startTimer', 'remove', 'reset', 'zero', 'labels'] as const;

/** What a failed `labels(...)` hands back, so the chained update does nothing instead of throwing. */
const inert = { inc() {}, dec() {}, set() {}, setToCurrentTime() {}, observe() {}, startTimer: () => () => 0 };

function guardUpdates(metric: object, name: string, registers: readonly object[] | undefined): void {
  const registry = registers?.find((each): each is MetricsRegistry => each instanceof MetricsRegistry);
  const report = (error: unknown) => (registry ? registry.failures.record(name, error) : undefined);
  const target = metric as Record<string, unknown>;
  for (const method of UPDATES) {
    // prom-client sets some of these on the instance in its constructor: wrap what is there.
    const original = target[method];
    if (typeof original !== 'function') continue;
    target[method] = function guarded(this: unknown, ...args: unknown[]) {
      try {
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } catch (error) {
        report(error);
        return method === 'labels' ? inert : method === 'startTimer' ? inert.startTimer : undefined;
      }
    };
  }
}

/** prom-client's Counter, whose updates never throw (see TelemetryFailures). */
export class Counter<T extends string = string> extends PromCounter<T> {
  constructor(config: CounterConfiguration<T>) {
    super(config);
    guardUpdates(this, config.name, config.registers);
  }
}

/** prom-client's Gauge, whose updates never throw (see TelemetryFailures). */
export class Gauge<T extends string = string> extends PromGauge<T> {
  constructor(config: GaugeConfiguration<T>) {
    super(config);
    guardUpdates(this, config.name, config.registers);
  }
}

/** prom-client's Histogram, whose updates never throw (see TelemetryFailures). */
export class Histogram<T extends string = string> extends PromHistogram<T> {
  constructor(config: HistogramConfiguration<T>) {
    super(config);
    guardUpdates(this, config.name, config.registers);
  }
}

const LABEL_TEXT = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * A label value taken from outside the code (an event type off the bus, a client's
 * action): kept when it is one of `known` (or, without a list, short plain text),
 * otherwise `other`, so a sender can neither break a metric nor grow its series.
 */
export function labelValue(value: unknown, known?: ReadonlySet<string>): string {
  if (typeof value !== 'string') return 'other';
  if (known) return known.has(value) ? value : 'other';
  return LABEL_TEXT.test(value) ? value : 'other';
}
