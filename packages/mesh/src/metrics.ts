import { Counter, type CounterCell, Gauge, type HistogramCell, HotCounter, HotHistogram, type Registry } from '@voxmesh/telemetry';
import type { QueueStats } from './broker.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Events are stamped in whole seconds, so finer buckets would say nothing. */
const LAG_BUCKETS = [1, 2, 5, 10, 30, 60, 120, 300, 900, 3600];

/**
 * The mesh's metrics, made once per registry. Routes are labelled by their template
 * (`/v1/flows/:id`), never by the raw uri, so the label set stays bounded.
 */
export class MeshMetrics {
  readonly rpcServerRequests: HotCounter;
  readonly rpcServerLatency: HotHistogram;
  readonly rpcServerExpired: Counter<'service'>;
  readonly rpcClientRequests: HotCounter;
  readonly rpcClientLatency: HotHistogram;
  readonly breakerOpen: Gauge<'service' | 'target'>;
  readonly eventsPublished: HotCounter;
  readonly eventsConsumed: HotCounter;
  readonly eventsLag: HotHistogram;
  readonly delayedSent: Counter<'service' | 'queue'>;
  readonly outboxPublished: HotCounter;
  /** The queues each service consumes, asked of the broker at scrape time. */
  private readonly queues = new Map<string, { service: string; queue: string; stats: () => Promise<QueueStats | undefined> }>();
  /** One broker round per scrape serves both queue gauges. */
  private queueSnapshot: { at: number; rows: Promise<{ service: string; queue: string; stats: QueueStats }[]> } | undefined;
  /** What each service's event outbox holds, asked at scrape time. */
  private readonly outboxes = new Map<string, () => Promise<number>>();
  /** Cells by their label values joined, so a request costs two map lookups at most. */
  private readonly served = new Map<string, { count: CounterCell; latency: HistogramCell }>();
  private readonly called = new Map<string, { count: CounterCell; latency: HistogramCell }>();

  constructor(registry: Registry) {
    const registers = [registry];
    this.rpcServerRequests = new HotCounter(
      'rpc_server_requests_total',
      'RPC requests served, by route template and status code.',
      ['service', 'route', 'method', 'status'],
      registry,
    );
    this.rpcServerLatency = new HotHistogram(
      'rpc_server_request_duration_seconds',
      'Time from taking an RPC request to sending its reply.',
      ['service', 'route', 'method'],
      LATENCY_BUCKETS,
      registry,
    );
    this.rpcServerExpired = new Counter({
      name: 'rpc_server_expired_total',
      help: 'RPC requests dropped because their deadline had passed before work began.',
      labelNames: ['service'],
      registers,
    });
    this.rpcClientRequests = new HotCounter(
      'rpc_client_requests_total',
      'RPC calls made, by target queue, route template and status code.',
      ['service', 'target', 'route', 'status'],
      registry,
    );
    this.rpcClientLatency = new HotHistogram(
      'rpc_client_request_duration_seconds',
      'Round-trip time of RPC calls.',
      ['service', 'target', 'route'],
      LATENCY_BUCKETS,
      registry,
    );
    this.breakerOpen = new Gauge({
      name: 'rpc_client_circuit_open',
      help: '1 while the circuit breaker to a target queue is open.',
      labelNames: ['service', 'target'],
      registers,
    });
    this.eventsPublished = new HotCounter('events_published_total', 'Events published to the service exchange.', ['service', 'type'], registry);
    this.eventsConsumed = new HotCounter('events_consumed_total', 'Events taken from the subscribe queue, by result (ok, retry, dead, ignored, invalid: data failing its schema, parked).', ['service', 'type', 'result'], registry);
    this.eventsLag = new HotHistogram(
      'events_consumed_lag_seconds',
      'Time from an event\'s publishing to its first delivery to a subscriber: how far the subscriber is behind (whole seconds, as events are stamped).',
      ['service'],
      LAG_BUCKETS,
      registry,
    );
    this.delayedSent = new Counter({
      name: 'delayed_messages_sent_total',
      help: 'Messages handed to delayed delivery.',
      labelNames: ['service', 'queue'],
      registers,
    });
    this.outboxPublished = new HotCounter('event_outbox_published_total', 'Events published from the service\'s event outbox.', ['service'], registry);
    const outboxes = this.outboxes;
    new Gauge({
      name: 'event_outbox_depth',
      help: 'Events recorded with their change and not yet published.',
      labelNames: ['service'],
      registers,
      async collect() {
        this.reset();
        for (const [service, depth] of outboxes) {
          try {
            this.set({ service }, await depth());
          } catch {
            // A database that cannot answer now leaves the figure out of this scrape.
          }
        }
      },
    });
    const queueRows = () => this.queueRows();
    new Gauge({
      name: 'mesh_queue_messages',
      help: 'Messages waiting in a queue the service consumes (requests, events), as the broker counts them at scrape time.',
      labelNames: ['service', 'queue'],
      registers,
      async collect() {
        this.reset();
        for (const row of await queueRows()) this.set({ service: row.service, queue: row.queue }, row.stats.messages);
      },
    });
    new Gauge({
      name: 'mesh_queue_consumers',
      help: 'Consumers of a queue the service consumes, every replica counted, as the broker counts them at scrape time.',
      labelNames: ['service', 'queue'],
      registers,
      async collect() {
        this.reset();
        for (const row of await queueRows()) this.set({ service: row.service, queue: row.queue }, row.stats.consumers);
      },
    });
  }

  /**
   * Reports the depth and consumers of `queue`, which `service` consumes, on every
   * scrape: a depth that stays up means its consumers do not keep up, and no consumer
   * means nobody serves it.
   */
  watchQueue(service: string, queue: string, stats: () => Promise<QueueStats | undefined>): void {
    this.queues.set(`${service}|${queue}`, { service, queue, stats });
  }

  private queueRows(): Promise<{ service: string; queue: string; stats: QueueStats }[]> {
    const now = Date.now();
    if (this.queueSnapshot && now - this.queueSnapshot.at < 1000) return this.queueSnapshot.rows;
    const rows = Promise.all(
      [...this.queues.values()].map(async ({ service, queue, stats }) => {
        // A broker that cannot answer (in time) leaves the queue out of this scrape, never the scrape itself.
        const answer = await withinScrape(Promise.resolve().then(stats)).catch(() => undefined);
        return answer ? [{ service, queue, stats: answer }] : [];
      }),
    ).then((lists) => lists.flat());
    this.queueSnapshot = { at: now, rows };
    return rows;
  }

  /** Reports `service`'s event outbox depth on every scrape. */
  watchOutbox(service: string, depth: () => Promise<number>): void {
    this.outboxes.set(service, depth);
  }

  /** Counts one served request and its latency. */
  recordServed(service: string, route: string, method: string, status: number, seconds: number): void {
    const key = `${service}|${route}|${method}|${status}`;
    let cells = this.served.get(key);
    if (!cells) {
      cells = cellsOf(this.rpcServerRequests, this.rpcServerLatency, [service, route, method], String(status));
      this.served.set(key, cells);
    }
    cells.count.value++;
    cells.latency.observe(seconds);
  }

  /** Counts one call made and its round-trip time. */
  recordCalled(service: string, target: string, route: string, status: string, seconds: number): void {
    const key = `${service}|${target}|${route}|${status}`;
    let cells = this.called.get(key);
    if (!cells) {
      cells = cellsOf(this.rpcClientRequests, this.rpcClientLatency, [service, target, route], status);
      this.called.set(key, cells);
    }
    cells.count.value++;
    cells.latency.observe(seconds);
  }
}

/** A request counter's cell (labels plus status) and its latency cell (labels only). */
function cellsOf(counter: HotCounter, latency: HotHistogram, labels: string[], status: string) {
  return { count: counter.cell([...labels, status]), latency: latency.cell(labels) };
}

/** What a scrape waits for one broker answer at most; Prometheus's own timeout is longer. */
const QUEUE_STATS_TIMEOUT_MS = 2000;

function withinScrape<T>(answer: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), QUEUE_STATS_TIMEOUT_MS);
    timer.unref();
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
