import { Gauge, HotCounter, HotHistogram, type Registry } from '@voxmesh/telemetry';

const LATENCY_BUCKETS = [0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5];
const ACTION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];

/**
 * A ring of the latest samples, for exact percentiles where a histogram's buckets are
 * too coarse (the bench's p99 of the next-action latency).
 */
export class LatencySamples {
  private readonly values: Float64Array;
  private count = 0;

  constructor(capacity = 200_000) {
    this.values = new Float64Array(capacity);
  }

  add(seconds: number): void {
    this.values[this.count % this.values.length] = seconds;
    this.count++;
  }

  /** The samples kept (the latest `capacity`), unordered. */
  snapshot(): number[] {
    return Array.from(this.values.subarray(0, Math.min(this.count, this.values.length)));
  }

  reset(): void {
    this.count = 0;
  }
}

/**
 * call-manager's metrics, labelled by template values only (action types, event names,
 * command names), never by call or channel ids. Paths taken on every event use the
 * hot counters, which cost plain arithmetic per update.
 */
export class CallMetrics {
  readonly callsStarted: HotCounter;
  readonly callsEnded: HotCounter;
  readonly actions: HotCounter;
  readonly actionSeconds: HotHistogram;
  readonly nextSeconds: HotHistogram;
  readonly nextSamples = new LatencySamples();
  readonly eslCommands: HotCounter;
  readonly eslCommandSeconds: HotHistogram;
  readonly eslEvents: HotCounter;
  readonly eslConnections: Gauge<'kind'>;
  readonly mediaServerUp: Gauge<'media_server'>;
  readonly recordings: HotCounter;
  readonly metaflows: HotCounter;
  readonly routeHolds: HotCounter;

  constructor(registry: Registry, liveCalls: () => number) {
    const registers = [registry];
    this.callsStarted = new HotCounter('call_manager_calls_started_total', 'Calls started, by direction.', ['direction'], registry);
    this.callsEnded = new HotCounter('call_manager_calls_ended_total', 'Calls ended, by direction and hangup reason.', ['direction', 'reason'], registry);
    new Gauge({
      name: 'call_manager_calls_live',
      help: 'Calls this replica holds now.',
      registers,
      collect() {
        this.set(liveCalls());
      },
    });
    this.actions = new HotCounter('call_manager_actions_total', 'Actions run, by type and outcome (completed, refused, failed, timeout, interrupted).', ['type', 'outcome'], registry);
    this.actionSeconds = new HotHistogram('call_manager_action_seconds', 'How long actions ran, by type.', ['type'], ACTION_BUCKETS, registry);
    this.nextSeconds = new HotHistogram(
      'call_manager_next_action_seconds',
      'From the end of an action to the start of the next: asking flow-manager and starting it on the media server.',
      [],
      LATENCY_BUCKETS,
      registry,
    );
    this.eslCommands = new HotCounter('call_manager_esl_commands_total', 'Event-socket commands, by command and outcome.', ['command', 'outcome'], registry);
    this.eslCommandSeconds = new HotHistogram('call_manager_esl_command_seconds', 'Event-socket command round trips, by command.', ['command'], LATENCY_BUCKETS, registry);
    this.eslEvents = new HotCounter('call_manager_esl_events_total', 'Events taken from the media servers, by name.', ['event'], registry);
    this.eslConnections = new Gauge({ name: 'call_manager_esl_connections', help: 'Event-socket connections open now (inbound client, outbound call sockets).', labelNames: ['kind'], registers });
    this.mediaServerUp = new Gauge({ name: 'call_manager_media_server_up', help: '1 while the inbound event socket to the media server is connected.', labelNames: ['media_server'], registers });
    this.recordings = new HotCounter('call_manager_recordings_total', 'Recordings, by outcome (started, finished, discarded, uploaded, upload_failed).', ['outcome'], registry);
    this.metaflows = new HotCounter('call_manager_metaflows_total', 'Digit sequences collected for metaflows, by outcome (matched, missed).', ['outcome'], registry);
    this.routeHolds = new HotCounter(
      'call_manager_route_holds_total',
      'New calls held ringing because routing was unreachable, by outcome (held, routed, rejected, gone).',
      ['outcome'],
      registry,
    );
  }

  /** Times an event-socket command and counts its outcome. */
  async timed<T>(command: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await work();
      this.eslCommands.inc([command, 'ok']);
      return result;
    } catch (error) {
      this.eslCommands.inc([command, 'error']);
      throw error;
    } finally {
      this.eslCommandSeconds.observe([command], (performance.now() - started) / 1000);
    }
  }
}
