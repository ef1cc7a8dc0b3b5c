import { Counter, Gauge, HotCounter, HotHistogram, type Registry } from '@voxmesh/telemetry';

const STEP_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * flow-manager's metrics, registered next to the code that moves them. RPC latency by
 * route template comes from the mesh (`rpc_server_request_duration_seconds{route}`).
 * The two moved on every step (actions executed, `next` latency) are the hot kind, which
 * skip prom-client's hashing of a label object on each update; same exposition.
 */
export class FlowMetrics {
  readonly actionsExecuted: HotCounter;
  readonly actionsFailed: Counter<'type'>;
  readonly activeflowsCreated: Counter<'reference_type'>;
  readonly activeflowsEnded: Counter<'reason'>;
  readonly running: Gauge;
  readonly nextLatency: HotHistogram;
  readonly limitsHit: Counter<'limit'>;
  readonly fetches: Counter<'outcome'>;
  readonly cacheAvailable: Gauge;
  readonly cacheFailures: Counter<'operation'>;
  readonly flowChanges: Counter<'operation'>;

  /** `countRunning` is asked at scrape time, so the gauge survives restarts and counts every replica's work. */
  constructor(registry: Registry, countRunning: () => Promise<number>) {
    const registers = [registry];
    this.actionsExecuted = new HotCounter('flow_manager_actions_executed_total', 'Actions executed, by type.', ['type'], registry);
    this.actionsFailed = new Counter({
      name: 'flow_manager_actions_failed_total',
      help: 'Actions that failed or were skipped (the flow went on), by type.',
      labelNames: ['type'],
      registers,
    });
    this.activeflowsCreated = new Counter({
      name: 'flow_manager_activeflows_created_total',
      help: 'Activeflows created, by reference type.',
      labelNames: ['reference_type'],
      registers,
    });
    this.activeflowsEnded = new Counter({
      name: 'flow_manager_activeflows_ended_total',
      help: 'Activeflows ended, by reason.',
      labelNames: ['reason'],
      registers,
    });
    this.running = new Gauge({
      name: 'flow_manager_activeflows_running',
      help: 'Activeflows running now (all replicas, from the database).',
      registers,
      async collect() {
        try {
          this.set(await countRunning());
        } catch {
          // A scrape while the database is away keeps the last value.
        }
      },
    });
    this.nextLatency = new HotHistogram(
      'flow_manager_next_duration_seconds',
      'Time to answer GET /v1/activeflows/<id>/next, lock to reply, by outcome.',
      ['outcome'],
      STEP_BUCKETS,
      registry,
    );
    this.limitsHit = new Counter({
      name: 'flow_manager_limits_hit_total',
      help: 'Times a limit stopped something: executions, iterations, stack_depth, flows_per_account, complete_chain.',
      labelNames: ['limit'],
      registers,
    });
    this.fetches = new Counter({
      name: 'flow_manager_fetches_total',
      help: 'fetch / fetch_flow HTTP requests, by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    this.cacheAvailable = new Gauge({
      name: 'flow_manager_cache_available',
      help: '1 while Redis answers; 0 while the service runs from MySQL alone.',
      registers,
    });
    this.cacheAvailable.set(1);
    this.cacheFailures = new Counter({
      name: 'flow_manager_cache_failures_total',
      help: 'Cache operations that failed or timed out, by operation.',
      labelNames: ['operation'],
      registers,
    });
    this.flowChanges = new Counter({
      name: 'flow_manager_flow_changes_total',
      help: 'Flows created, updated and deleted.',
      labelNames: ['operation'],
      registers,
    });
  }
}
