import { Counter, type CounterCell, Gauge, type HistogramCell, HotCounter, HotHistogram, type Registry } from '@voxmesh/telemetry';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The gateway's metrics. HTTP requests are labelled by route template
 * (`/accounts/:account_id/users/:id`), never the raw path, so the label set stays bounded.
 */
export class GatewayMetrics {
  private readonly requests: HotCounter;
  private readonly latency: HotHistogram;
  private readonly cells = new Map<string, { count: CounterCell; latency: HistogramCell }>();
  readonly rateLimited: Counter<'scope'>;
  readonly wsConnections: Gauge;
  readonly wsRejected: Counter<'reason'>;
  readonly wsMessages: Counter<'action' | 'result'>;
  readonly wsEvents: Counter<'result'>;
  readonly meshEvents: Counter<'type'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.requests = new HotCounter('api_http_requests_total', 'REST requests, by route template, method and status.', ['route', 'method', 'status'], registry);
    this.latency = new HotHistogram('api_http_request_duration_seconds', 'Time to answer a REST request.', ['route', 'method'], LATENCY_BUCKETS, registry);
    this.rateLimited = new Counter({ name: 'api_rate_limited_total', help: 'Requests refused with 429, by limit (ip, account, auth).', labelNames: ['scope'], registers });
    this.wsConnections = new Gauge({ name: 'api_ws_connections', help: 'Open websocket connections on this replica.', registers });
    this.wsRejected = new Counter({ name: 'api_ws_rejected_total', help: 'Websocket upgrades refused, by reason.', labelNames: ['reason'], registers });
    this.wsMessages = new Counter({ name: 'api_ws_messages_total', help: 'Websocket client messages, by action and result.', labelNames: ['action', 'result'], registers });
    this.wsEvents = new Counter({ name: 'api_ws_events_total', help: 'Event frames for websocket clients, by result (sent, dropped).', labelNames: ['result'], registers });
    this.meshEvents = new Counter({ name: 'api_mesh_events_total', help: 'Mesh events this replica took from its live feed, by type.', labelNames: ['type'], registers });
  }

  recordRequest(route: string, method: string, status: number, seconds: number): void {
    const key = `${route}|${method}|${status}`;
    let cells = this.cells.get(key);
    if (!cells) {
      cells = { count: this.requests.cell([route, method, String(status)]), latency: this.latency.cell([route, method]) };
      this.cells.set(key, cells);
    }
    cells.count.value++;
    cells.latency.observe(seconds);
  }
}
