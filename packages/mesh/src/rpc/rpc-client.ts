import { randomUUID } from 'node:crypto';
import {
  JSON_DATA_TYPE,
  VoipError,
  buildUri,
  encode,
  readResponse,
  validate,
  type HttpMethod,
  type RequestEnvelope,
  type ResponseEnvelope,
  type RouteInput,
  type RouteReply,
  type RouteTable,
  type ServiceContract,
} from '@voxmesh/wire';
import type { Broker } from '../broker.js';
import type { MeshMetrics } from '../metrics.js';
import { CircuitBreaker, defaultBreakerOptions, type BreakerOptions } from './breaker.js';

export const DEFAULT_RPC_TIMEOUT_MS = 3000;

export interface CallOptions {
  timeoutMs?: number;
  requestId?: string;
}

export interface RpcClientOptions<T extends RouteTable> {
  contract: ServiceContract<T>;
  broker: Broker;
  /** The target's request queue. */
  queue: string;
  /** Our service name, sent as `publisher`. */
  publisher: string;
  metrics: MeshMetrics;
  breakers: BreakerRegistry;
  /** Check replies against the route's reply schema (on by default: trust nothing on the wire). */
  validateReplies?: boolean;
}

/** The circuit breakers of one process, one per target queue, shared by its clients. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly options: BreakerOptions = defaultBreakerOptions,
    private readonly onChange: (target: string, open: boolean) => void = () => undefined,
  ) {}

  for(queue: string): CircuitBreaker {
    let breaker = this.breakers.get(queue);
    if (!breaker) {
      breaker = new CircuitBreaker(queue, this.options, (open) => this.onChange(queue, open));
      this.breakers.set(queue, breaker);
    }
    return breaker;
  }
}

/**
 * The client of one service, derived from the same route table its server serves:
 * `client.call('getFlow', { params: { id } })`. Every call has a deadline (3 s unless
 * the route or the caller says otherwise), sent along as the message expiration.
 */
export class RpcClient<T extends RouteTable> {
  constructor(private readonly options: RpcClientOptions<T>) {}

  async call<K extends keyof T & string>(name: K, input: RouteInput<T[K]>, options: CallOptions = {}): Promise<RouteReply<T[K]>> {
    const spec = this.options.contract.routes[name];
    if (!spec) throw VoipError.internal(`no route ${name} in ${this.options.contract.service}'s contract`);
    const loose = input as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
    const uri = buildUri(spec.path, loose.params, loose.query);
    const timeoutMs = options.timeoutMs ?? spec.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
    const data = await this.send({ method: spec.method, uri, data: loose.body, route: spec.path, timeoutMs, requestId: options.requestId });
    if (this.options.validateReplies === false) return data as RouteReply<T[K]>;
    return validate(spec.reply, data, 'reply') as RouteReply<T[K]>;
  }

  /**
   * Sends a request by uri, for callers that pass on a request they did not build (a
   * call-manager replica handing one to the replica holding the call); calls between
   * services go through `call`. Returns the reply's data or throws the VoipError the server sent.
   */
  async request(method: HttpMethod, uri: string, data: unknown, options: CallOptions = {}): Promise<unknown> {
    return this.send({ method, uri, data, route: 'raw', timeoutMs: options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS, requestId: options.requestId });
  }

  /** Fire-and-forget after `delayMs` (timeouts, retries): nobody waits for the reply. */
  async callLater<K extends keyof T & string>(name: K, input: RouteInput<T[K]>, delayMs: number): Promise<void> {
    const spec = this.options.contract.routes[name];
    if (!spec) throw VoipError.internal(`no route ${name} in ${this.options.contract.service}'s contract`);
    const loose = input as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
    const envelope = this.envelope(spec.method, buildUri(spec.path, loose.params, loose.query), loose.body, undefined);
    await this.options.broker.sendDelayed(this.options.queue, encode(envelope), { contentType: JSON_DATA_TYPE, persistent: true }, delayMs);
    this.options.metrics.delayedSent.inc({ service: this.options.publisher, queue: this.options.queue });
  }

  private envelope(method: HttpMethod, uri: string, data: unknown, requestId: string | undefined): RequestEnvelope {
    const envelope: RequestEnvelope = { uri, method, data_type: JSON_DATA_TYPE, publisher: this.options.publisher };
    if (data !== undefined) envelope.data = data;
    if (requestId !== undefined) envelope.request_id = requestId;
    return envelope;
  }

  private async send(call: { method: HttpMethod; uri: string; data: unknown; route: string; timeoutMs: number; requestId: string | undefined }): Promise<unknown> {
    const { broker, queue, metrics, publisher } = this.options;
    const breaker = this.options.breakers.for(queue);
    const started = performance.now();
    let status = 'error';
    try {
      breaker.admit();
      const body = encode(this.envelope(call.method, call.uri, call.data, call.requestId ?? randomUUID()));
      // The expiration makes the broker drop the request if nobody takes it in time.
      const delivery = await broker.request(queue, body, { expiration: String(call.timeoutMs) }, call.timeoutMs);
      const response: ResponseEnvelope = readResponse(delivery.body);
      status = String(response.status_code);
      breaker.succeeded();
      if (response.status_code >= 400) throw VoipError.fromResponse(response.status_code, response.data);
      return response.data;
    } catch (error) {
      if (status === 'error') {
        breaker.failed(error);
        if (error instanceof VoipError) status = String(error.statusCode);
      }
      throw error;
    } finally {
      metrics.recordCalled(publisher, queue, call.route, status, (performance.now() - started) / 1000);
    }
  }
}
