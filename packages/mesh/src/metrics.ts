import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The mesh's metrics, made once per registry. Routes are labelled by their template
 * (`/v1/flows/:id`), never by the raw uri, so the label set stays bounded.
 */
export class MeshMetrics {
  readonly rpcServerRequests: Counter<'service' | 'route' | 'method' | 'status'>;
  readonly rpcServerLatency: Histogram<'service' | 'route' | 'method'>;
  readonly rpcServerExpired: Counter<'service'>;
  readonly rpcClientRequests: Counter<'service' | 'target' | 'route' | 'status'>;
  readonly rpcClientLatency: Histogram<'service' | 'target' | 'route'>;
  readonly breakerOpen: Gauge<'service' | 'target'>;
  readonly eventsPublished: Counter<'service' | 'type'>;
  readonly eventsConsumed: Counter<'service' | 'type' | 'result'>;
  readonly delayedSent: Counter<'service' | 'queue'>;

  /** Label children by their values: prom-client hashes a label object on every call otherwise. */
  private readonly children = new Map<string, { inc(): void } | { observe(value: number): void }>();

  private child<T extends { inc(): void } | { observe(value: number): void }>(key: string, make: () => T): T {
    let found = this.children.get(key) as T | undefined;
    if (!found) {
      found = make();
      this.children.set(key, found);
    }
    return found;
  }

  /** Counts one served request and its latency. */
  recordServed(service: string, route: string, method: string, status: number, seconds: number): void {
    this.child(`s|${service}|${route}|${method}|${status}`, () => this.rpcServerRequests.labels(service, route, method, String(status))).inc();
    this.child(`sl|${service}|${route}|${method}`, () => this.rpcServerLatency.labels(service, route, method)).observe(seconds);
  }

  /** Counts one call made and its round-trip time. */
  recordCalled(service: string, target: string, route: string, status: string, seconds: number): void {
    this.child(`c|${service}|${target}|${route}|${status}`, () => this.rpcClientRequests.labels(service, target, route, status)).inc();
    this.child(`cl|${service}|${target}|${route}`, () => this.rpcClientLatency.labels(service, target, route)).observe(seconds);
  }

  constructor(registry: Registry) {
    const registers = [registry];
    this.rpcServerRequests = new Counter({
      name: 'rpc_server_requests_total',
      help: 'RPC requests served, by route template and status code.',
      labelNames: ['service', 'route', 'method', 'status'],
      registers,
    });
    this.rpcServerLatency = new Histogram({
      name: 'rpc_server_request_duration_seconds',
      help: 'Time from taking an RPC request to sending its reply.',
      labelNames: ['service', 'route', 'method'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.rpcServerExpired = new Counter({
      name: 'rpc_server_expired_total',
      help: 'RPC requests dropped because their deadline had passed before work began.',
      labelNames: ['service'],
      registers,
    });
    this.rpcClientRequests = new Counter({
      name: 'rpc_client_requests_total',
      help: 'RPC calls made, by target service, route template and status code.',
      labelNames: ['service', 'target', 'route', 'status'],
      registers,
    });
    this.rpcClientLatency = new Histogram({
      name: 'rpc_client_request_duration_seconds',
      help: 'Round-trip time of RPC calls.',
      labelNames: ['service', 'target', 'route'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.breakerOpen = new Gauge({
      name: 'rpc_client_circuit_open',
      help: '1 while the circuit breaker to a target queue is open.',
      labelNames: ['service', 'target'],
      registers,
    });
    this.eventsPublished = new Counter({
      name: 'events_published_total',
      help: 'Events published to the service exchange.',
      labelNames: ['service', 'type'],
      registers,
    });
    this.eventsConsumed = new Counter({
      name: 'events_consumed_total',
      help: 'Events taken from the subscribe queue, by result (ok, retry, dead, ignored).',
      labelNames: ['service', 'type', 'result'],
      registers,
    });
    this.delayedSent = new Counter({
      name: 'delayed_messages_sent_total',
      help: 'Messages handed to delayed delivery.',
      labelNames: ['service', 'queue'],
      registers,
    });
  }
}
