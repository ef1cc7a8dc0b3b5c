import type { Registry } from 'prom-client';

/**
 * A counter and a histogram for paths taken on every message. prom-client hashes the
 * label object on each update, which costs more than a small RPC handler; these keep one
 * cell per label combination, updated with plain arithmetic, and hand prom-client the
 * figures only when it is scraped. Same exposition format, same registry.
 */
interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

interface CustomMetric {
  name: string;
  help: string;
  type: string;
  aggregator: string;
  get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: MetricValue[] }>;
}

function labelsOf(names: readonly string[], values: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  names.forEach((name, at) => (labels[name] = values[at] ?? ''));
  return labels;
}

export interface CounterCell {
  value: number;
}

export class HotCounter implements CustomMetric {
  readonly type = 'counter';
  readonly aggregator = 'sum';
  private readonly cells = new Map<string, CounterCell & { labels: Record<string, string> }>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  /** The cell for these label values, in `labelNames` order. */
  cell(values: readonly string[]): CounterCell {
    const key = values.join('\u0000');
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: 0, labels: labelsOf(this.labelNames, values) };
      this.cells.set(key, cell);
    }
    return cell;
  }

  inc(values: readonly string[], by = 1): void {
    this.cell(values).value += by;
  }

  async get() {
    const values = [...this.cells.values()].map((cell) => ({ labels: cell.labels, value: cell.value }));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

export interface HistogramCell {
  observe(value: number): void;
}

class HistogramCellImpl implements HistogramCell {
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(
    private readonly bounds: readonly number[],
    readonly labels: Record<string, string>,
  ) {
    this.counts = new Array<number>(bounds.length).fill(0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    const bounds = this.bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]!) {
        this.counts[i]!++;
        return;
      }
    }
  }
}

export class HotHistogram implements CustomMetric {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly cells = new Map<string, HistogramCellImpl>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  cell(values: readonly string[]): HistogramCell {
    const key = values.join('\u0000');
    let cell = this.cells.get(key);
    if (!cell) {
      cell = new HistogramCellImpl(this.buckets, labelsOf(this.labelNames, values));
      this.cells.set(key, cell);
    }
    return cell;
  }

  observe(values: readonly string[], value: number): void {
    this.cell(values).observe(value);
  }

  async get() {
    const values: MetricValue[] = [];
    for (const cell of this.cells.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, at) => {
        cumulative += cell.counts[at]!;
        values.push({ metricName: `${this.name}_bucket`, labels: { ...cell.labels, le: bound }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { ...cell.labels, le: '+Inf' }, value: cell.count });
      values.push({ metricName: `${this.name}_sum`, labels: cell.labels, value: cell.sum });
      values.push({ metricName: `${this.name}_count`, labels: cell.labels, value: cell.count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
