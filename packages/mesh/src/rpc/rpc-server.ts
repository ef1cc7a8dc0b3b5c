import type { Logger } from '@voxmesh/telemetry';
import {
  JSON_DATA_TYPE,
  Router,
  VoipError,
  encode,
  readRequest,
  splitUri,
  validate,
  type RequestEnvelope,
  type ResponseEnvelope,
  type RouteReply,
  type RouteRequest,
  type RouteTable,
  type ServiceContract,
} from '@voxmesh/wire';
import { DEADLINE_HEADER, type Broker, type Consumer, type Delivery } from '../broker.js';
import type { MeshMetrics } from '../metrics.js';

export interface RequestContext {
  requestId: string | undefined;
  publisher: string | undefined;
  /** Epoch ms after which the caller has stopped waiting, when it said so. */
  deadline: number | undefined;
  logger: Logger;
  envelope: RequestEnvelope;
}

export type RouteHandler<R extends RouteTable[string]> = (request: RouteRequest<R>, context: RequestContext) => Promise<RouteReply<R>>;

/** One handler per route of the table; a missing one is a compile error. */
export type RouteHandlers<T extends RouteTable> = { [K in keyof T]: RouteHandler<T[K]> };

export interface RpcServerOptions<T extends RouteTable> {
  contract: ServiceContract<T>;
  handlers: RouteHandlers<T>;
  broker: Broker;
  /** The queue to serve (`-rabbit_queue_listen`). */
  queue: string;
  metrics: MeshMetrics;
  logger: Logger;
  /** Requests worked on at once; also the broker prefetch. */
  concurrency?: number;
}

/**
 * Serves a route table on a request queue. Each request is answered: 404 for an unknown
 * path, 405 for a known path with another method, 400 naming the field for a bad
 * envelope or body, 500 for anything unexpected. A request whose deadline has passed is
 * dropped unworked. The message is acknowledged after the reply is sent.
 */
export class RpcServer<T extends RouteTable> {
  private readonly router: Router;
  private consumer: Consumer | undefined;

  constructor(private readonly options: RpcServerOptions<T>) {
    this.router = new Router(options.contract.routes);
  }

  async start(): Promise<void> {
    const { broker, queue } = this.options;
    await broker.declareQueue(queue);
    this.options.metrics.watchQueue(this.options.contract.service, queue, () => broker.queueStats(queue));
    this.consumer = await this.options.broker.consume(this.options.queue, (delivery) => this.handle(delivery), {
      prefetch: this.options.concurrency ?? 32,
    });
  }

  /** Stops taking requests and waits for the ones in hand to be answered. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.cancel();
  }

  private async handle(delivery: Delivery): Promise<void> {
    const { metrics, contract } = this.options;
    const service = contract.service;
    const deadline = deadlineOf(delivery);
    if (deadline !== undefined && Date.now() > deadline) {
      metrics.rpcServerExpired.inc({ service });
      return;
    }
    const started = performance.now();
    let route = 'unmatched';
    let method = 'UNKNOWN';
    let response: ResponseEnvelope;
    let logger = this.options.logger;
    try {
      const envelope = readRequest(delivery.body);
      method = envelope.method;
      // A child logger per request costs more than many handlers; make it only when used.
      const parent = this.options.logger;
      let child: Logger | undefined;
      const requestLogger = () => (child ??= parent.child({ request_id: envelope.request_id, uri: envelope.uri, method: envelope.method }));
      logger = lazyLogger(requestLogger);
      const { path, query } = splitUri(envelope.uri);
      const match = this.router.match(envelope.method, path);
      if (match.kind === 'not_found') throw VoipError.notFound(`no route for ${path}`, 'NO_ROUTE');
      if (match.kind === 'method_not_allowed') {
        throw new VoipError({
          status: 'METHOD_NOT_ALLOWED',
          reason: 'METHOD_NOT_ALLOWED',
          message: `${envelope.method} is not allowed on ${path}; allowed: ${match.allowed.join(', ')}`,
          details: { allowed: match.allowed },
        });
      }
      route = match.spec.path;
      const request = {
        params: match.params,
        query: match.spec.query ? validate(match.spec.query, query, 'query') : query,
        body: match.spec.body ? validate(match.spec.body, envelope.data ?? {}, 'data') : envelope.data,
      };
      const handler = this.options.handlers[match.name as keyof T] as unknown as (
        request: unknown,
        context: RequestContext,
      ) => Promise<unknown>;
      const context: RequestContext = { requestId: envelope.request_id, publisher: envelope.publisher, deadline, logger, envelope };
      const data = await handler(request, context);
      response = { status_code: 200, data_type: JSON_DATA_TYPE, data: data ?? {} };
    } catch (thrown) {
      const error = VoipError.from(thrown);
      if (error.statusCode >= 500) logger.error({ err: thrown, route }, 'request failed');
      response = { status_code: error.statusCode, data_type: JSON_DATA_TYPE, data: { error: error.toBody() } };
    }
    await this.reply(delivery, response, logger);
    metrics.recordServed(service, route, method, response.status_code, (performance.now() - started) / 1000);
  }

  private async reply(delivery: Delivery, response: ResponseEnvelope, logger: Logger): Promise<void> {
    const { replyTo, correlationId } = delivery.properties;
    if (!replyTo) return; // a fire-and-forget (e.g. delayed) request: nobody to answer
    let body: Buffer;
    try {
      body = encode(response);
    } catch (error) {
      logger.error({ err: error }, 'reply could not be encoded');
      body = encode({ status_code: 500, data_type: JSON_DATA_TYPE, data: { error: VoipError.internal('reply could not be encoded').toBody() } });
    }
    const properties = correlationId === undefined ? {} : { correlationId };
    try {
      if (delivery.reply) delivery.reply(body, properties);
      else await this.options.broker.send(replyTo, body, properties);
    } catch (error) {
      logger.warn({ err: error }, 'reply could not be sent');
    }
  }
}

function lazyLogger(get: () => Logger): Logger {
  return {
    debug: (obj, msg) => get().debug(obj, msg),
    info: (obj, msg) => get().info(obj, msg),
    warn: (obj, msg) => get().warn(obj, msg),
    error: (obj, msg) => get().error(obj, msg),
    child: (bindings) => get().child(bindings),
  };
}

/**
 * The request's absolute deadline. The broker already drops a request whose
 * `expiration` ran out while it was queued, and the server takes no more than it can work
 * on at once, so on arrival at most `expiration` ms remain: that bound is the deadline.
 * A sender may state the exact instant in the `x-deadline` header (epoch ms) instead.
 */
function deadlineOf(delivery: Delivery): number | undefined {
  const header = delivery.properties.headers?.[DEADLINE_HEADER];
  if (header !== undefined) {
    const value = Number(header);
    if (Number.isFinite(value) && value > 0) return value;
  }
  const expiration = delivery.properties.expiration;
  if (expiration !== undefined) {
    const ms = Number(expiration);
    if (Number.isFinite(ms)) return Date.now() + ms;
  }
  return undefined;
}
