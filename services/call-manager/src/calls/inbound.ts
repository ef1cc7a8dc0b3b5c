import { randomUUID } from 'node:crypto';
import type { FreeSwitchResponse } from 'esl';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import type { ChannelEvent } from '../esl/event.js';
import { SocketLink } from '../esl/leg-link.js';
import type { MediaServerPool } from '../esl/media-servers.js';
import type { CallMetrics } from '../metrics.js';
import type { DeviceDirectory } from './devices.js';
import { absorb, newLeg } from './leg.js';
import { newCall } from './model.js';
import { CallSession, type SessionDeps } from './session.js';
import { callVariables } from './variables.js';

export interface InboundCallsOptions {
  sessions: SessionDeps;
  pool: MediaServerPool;
  devices: DeviceDirectory;
  metrics: CallMetrics;
  /** `-route_hold_max_ms`: how long a call may wait ringing for routing to be reachable. */
  routeHoldMaxMs: number;
  logger: Logger;
}

interface RouteRequest {
  number: string;
  username: string;
  realm: string | undefined;
  arrivedAt: number;
  /** Tries so far that found routing unreachable. */
  held: number;
}

/** Failures of a request that never reached a server: our broker connection down, the circuit open, no queue to take it. */
const UNDELIVERED = new Set(['BROKER_DOWN', 'CIRCUIT_OPEN', 'NO_ROUTE']);

type ActiveflowRequest = { id: string; flow_id: string; account_id: string; reference_type: 'call'; reference_id: string; variables: Record<string, string> };

/** Waits between tries of a held call: soon at first, then at most a second apart. */
const HOLD_RETRY_MS = [100, 200, 400, 800, 1000];

/**
 * Calls FreeSWITCH hands over through its outbound sockets (voipbin §1.5): the call is
 * recorded at once, then routed by the dialled number (an unknown one is rejected with
 * NO_ROUTE_DESTINATION, a SIP 404), its device looked up, its activeflow created with
 * `reference_type: call`, and its flow started.
 */
export class InboundCalls {
  constructor(private readonly options: InboundCallsOptions) {}

  accept(connection: FreeSwitchResponse, data: ChannelEvent): void {
    const { sessions, pool, metrics } = this.options;
    const channelId = data.uuid;
    if (channelId === '') {
      connection.end();
      return;
    }
    const server = pool.byCore(data.header('Core-UUID'));
    const number = data.header('Caller-Destination-Number') ?? data.variable('sip_req_user') ?? '';
    const callerNumber = data.header('Caller-Caller-ID-Number') ?? data.variable('sip_from_user') ?? '';
    const callerName = data.header('Caller-Caller-ID-Name') ?? callerNumber;
    const authUsername = data.variable('sip_auth_username');
    const username = authUsername ?? data.variable('sip_from_user') ?? '';
    const realm = data.variable('sip_auth_realm') ?? data.variable('domain_name') ?? (authUsername !== undefined ? data.variable('sip_from_host') : undefined);
    const mediaServer = server?.address ?? data.header('FreeSWITCH-IPv4') ?? '';
    const call = newCall({
      id: randomUUID(),
      direction: 'incoming',
      status: 'ringing',
      source: { type: authUsername !== undefined ? 'sip' : 'tel', target: callerNumber, target_name: callerName },
      destination: { type: 'tel', target: number },
      channelId,
      mediaServer,
    });
    const leg = newLeg({
      id: channelId,
      callId: call.id,
      accountId: '',
      mediaServer,
      direction: 'inbound',
      callerIdName: callerName,
      callerIdNumber: callerNumber,
      destination: number,
      username: authUsername ?? '',
      now: call.tm_create,
    });
    absorb(leg, data);
    if (data.header('Answer-State') === 'answered') leg.channel.state = 'answered';
    const link = new SocketLink(connection, channelId, metrics);
    const session = new CallSession(sessions, { call, link, leg, coreUuid: data.header('Core-UUID') ?? server?.coreUuid ?? '' });
    sessions.registry.add(session);
    metrics.callsStarted.inc(['incoming']);
    session.save();
    session.saveChannel();
    link.listen(session).catch((error: unknown) => {
      this.options.logger.debug({ err: error, call_id: call.id }, 'call gone before its events were subscribed');
      session.onGone();
    });
    session.enqueue('route', () => this.route(session, { number, username, realm, arrivedAt: Date.now(), held: 0 }));
  }

  private async route(session: CallSession, request: RouteRequest): Promise<void> {
    const { sessions, devices, logger } = this.options;
    if (this.givenUp(session, request)) return;
    let route;
    try {
      route = await sessions.flows.call('route', { query: { number: request.number } });
    } catch (thrown) {
      const error = VoipError.from(thrown);
      if (error.status === 'NOT_FOUND' || error.status === 'INVALID_ARGUMENT') {
        logger.info({ call_id: session.call.id, number: request.number }, 'no flow for the dialled number; rejected');
        await session.requestHangup('failed', { cause: 'NO_ROUTE_DESTINATION' });
        return;
      }
      // Routing is a read: tried again whatever became of the request.
      if (error.retryable && this.hold(session, request, error, (next) => this.route(session, next))) return;
      await this.reject(session, request, thrown, 'could not route the call; rejected');
      return;
    }
    const device = await devices.find({ accountId: route.account_id, username: request.username, realm: request.realm }).catch(() => null);
    if (session.ending) return;
    const activeflowId = randomUUID();
    session.amend((call) => {
      call.account_id = route.account_id;
      call.flow_id = route.flow_id;
      call.activeflow_id = activeflowId;
      call.device = device;
      call.owner_id = device?.user_id ?? '';
    });
    session.saveChannel();
    session.publish('call_created', session.call);
    session.publishChannel('channel_create');
    await this.activate(session, request, {
      id: activeflowId,
      flow_id: route.flow_id,
      account_id: route.account_id,
      reference_type: 'call',
      reference_id: session.call.id,
      variables: { ...route.variables, ...callVariables(session.call) },
    });
  }

  private async activate(session: CallSession, request: RouteRequest, activeflow: ActiveflowRequest): Promise<void> {
    const { sessions, logger, metrics } = this.options;
    if (this.givenUp(session, request)) return;
    try {
      await sessions.flows.call('createActiveflow', { body: activeflow });
    } catch (thrown) {
      const error = VoipError.from(thrown);
      // Only a request that never left may be sent again: one lost on the way may have made the activeflow.
      if (UNDELIVERED.has(error.reason) && this.hold(session, request, error, (next) => this.activate(session, next, activeflow))) return;
      logger.error({ err: thrown, call_id: session.call.id, flow_id: activeflow.flow_id }, 'activeflow not created; hanging up');
      session.amend((call) => (call.activeflow_id = ''));
      if (request.held > 0) metrics.routeHolds.inc(['rejected']);
      await session.requestHangup('failed');
      return;
    }
    if (request.held > 0) {
      metrics.routeHolds.inc(['routed']);
      logger.info({ call_id: session.call.id, number: request.number, held_ms: Date.now() - request.arrivedAt, tries: request.held + 1 }, 'held call routed');
    }
    await session.startFlow();
  }

  /** A held call whose caller hung up meanwhile needs nothing more. */
  private givenUp(session: CallSession, request: RouteRequest): boolean {
    if (!session.ending && !session.over) return false;
    if (request.held > 0) this.options.metrics.routeHolds.inc(['gone']);
    return true;
  }

  private async reject(session: CallSession, request: RouteRequest, thrown: unknown, message: string): Promise<void> {
    const { logger, metrics } = this.options;
    if (request.held > 0) {
      metrics.routeHolds.inc(['rejected']);
      logger.error(
        { err: thrown, call_id: session.call.id, number: request.number, held_ms: Date.now() - request.arrivedAt, reason: 'route_hold_exceeded' },
        'routing stayed unreachable for -route_hold_max_ms; the held call is rejected',
      );
    } else {
      logger.error({ err: thrown, call_id: session.call.id, number: request.number }, message);
    }
    await session.requestHangup('failed', { cause: 'NORMAL_TEMPORARY_FAILURE' });
  }

  /**
   * Routing unreachable (the broker away for a moment, flow-manager restarting): the
   * call keeps ringing and is tried again, off the call's queue in between so that its
   * hangup is still seen. False once `-route_hold_max_ms` would be passed.
   */
  private hold(session: CallSession, request: RouteRequest, error: VoipError, retry: (next: RouteRequest) => Promise<void>): boolean {
    const { routeHoldMaxMs, metrics, logger } = this.options;
    const left = request.arrivedAt + routeHoldMaxMs - Date.now();
    if (left <= 0) return false;
    const wait = Math.min(left, HOLD_RETRY_MS[Math.min(request.held, HOLD_RETRY_MS.length - 1)]!);
    if (request.held === 0) {
      metrics.routeHolds.inc(['held']);
      logger.warn({ call_id: session.call.id, number: request.number, reason: error.reason, hold_max_ms: routeHoldMaxMs }, 'routing unreachable; holding the call ringing');
    }
    const next = { ...request, held: request.held + 1 };
    setTimeout(() => session.enqueue('route', () => retry(next)), wait);
    return true;
  }
}
