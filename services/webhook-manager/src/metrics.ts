import { Counter, type CounterCell, Gauge, type HistogramCell, HotCounter, HotHistogram, type Registry } from '@voxmesh/telemetry';

export type DeliveryResult = 'success' | 'retry' | 'failure' | 'refused' | 'parked' | 'dropped';

const ATTEMPT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const LAG_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800, 7200];

/**
 * The service's metrics, each with a `service` label (several services share one
 * registry under `npm start`). Made once per registry: a second instance on the same
 * registry reuses what the first registered.
 */
export class WebhookMetrics {
  /** Counted on every attempt: kept as plain cells (see HotCounter), not hashed label objects. */
  readonly deliveries: HotCounter;
  readonly attemptDuration: HotHistogram;
  readonly deliveryLag: HotHistogram;
  private readonly cells = new Map<DeliveryResult, { count: CounterCell; duration: HistogramCell }>();
  private readonly lag: HistogramCell;
  readonly outboxDepth: Gauge<'service'>;
  readonly disabledHooks: Gauge<'service'>;
  readonly autoDisabled: Counter<'service'>;

  constructor(
    registry: Registry,
    readonly service: string,
  ) {
    const registers = [registry];
    const reuse = <T>(name: string, make: () => T): T => (registry.getSingleMetric(name) as T | undefined) ?? make();
    this.deliveries = reuse(
      'webhook_deliveries_total',
      () =>
        new HotCounter(
          'webhook_deliveries_total',
          'Delivery attempts by result: success, retry (failed, will try again), failure (given up), refused (target not allowed), parked (hook disabled), dropped (hook deleted).',
          ['service', 'result'],
          registry,
        ),
    );
    this.attemptDuration = reuse(
      'webhook_attempt_duration_seconds',
      () => new HotHistogram('webhook_attempt_duration_seconds', 'Time of one HTTP attempt, from connect to the last byte read.', ['service', 'result'], ATTEMPT_BUCKETS, registry),
    );
    this.deliveryLag = reuse(
      'webhook_delivery_latency_seconds',
      () =>
        new HotHistogram(
          'webhook_delivery_latency_seconds',
          'Time from an event entering the outbox to its successful delivery, retries included.',
          ['service'],
          LAG_BUCKETS,
          registry,
        ),
    );
    this.lag = this.deliveryLag.cell([service]);
    this.outboxDepth = reuse(
      'webhook_outbox_depth',
      () => new Gauge({ name: 'webhook_outbox_depth', help: 'Deliveries waiting in the outbox (pending).', labelNames: ['service'], registers }),
    );
    this.disabledHooks = reuse(
      'webhook_disabled_hooks',
      () => new Gauge({ name: 'webhook_disabled_hooks', help: 'Hooks the disabler has turned off and nobody re-enabled.', labelNames: ['service'], registers }),
    );
    this.autoDisabled = reuse(
      'webhook_auto_disabled_total',
      () => new Counter({ name: 'webhook_auto_disabled_total', help: 'Hooks turned off by the disabler.', labelNames: ['service'], registers }),
    );
  }

  delivered(result: DeliveryResult, seconds?: number): void {
    let cells = this.cells.get(result);
    if (!cells) {
      cells = { count: this.deliveries.cell([this.service, result]), duration: this.attemptDuration.cell([this.service, result]) };
      this.cells.set(result, cells);
    }
    cells.count.value++;
    if (seconds !== undefined) cells.duration.observe(seconds);
  }

  /** Time from entering the outbox to a successful delivery. */
  observeLag(seconds: number): void {
    this.lag.observe(seconds);
  }
}
