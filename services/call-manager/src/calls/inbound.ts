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
  logger: Logger;
}

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
    session.enqueue('route', () => this.route(session, { number, username, realm }));
  }

  private async route(session: CallSession, request: { number: string; username: string; realm: string | undefined }): Promise<void> {
    const { sessions, devices, logger } = this.options;
    if (session.ending) return;
    let route;
    try {
      route = await sessions.flows.call('route', { query: { number: request.number } });
    } catch (thrown) {
      const error = VoipError.from(thrown);
      if (error.status === 'NOT_FOUND' || error.status === 'INVALID_ARGUMENT') {
        logger.info({ call_id: session.call.id, number: request.number }, 'no flow for the dialled number; rejected');
        await session.requestHangup('failed', { cause: 'NO_ROUTE_DESTINATION' });
      } else {
        logger.error({ err: thrown, call_id: session.call.id, number: request.number }, 'could not route the call; rejected');
        await session.requestHangup('failed', { cause: 'NORMAL_TEMPORARY_FAILURE' });
      }
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
    try {
      await sessions.flows.call('createActiveflow', {
        body: {
          id: activeflowId,
          flow_id: route.flow_id,
          account_id: route.account_id,
          reference_type: 'call',
          reference_id: session.call.id,
          variables: { ...route.variables, ...callVariables(session.call) },
        },
      });
    } catch (error) {
      logger.error({ err: error, call_id: session.call.id, flow_id: route.flow_id }, 'activeflow not created; hanging up');
      session.amend((call) => (call.activeflow_id = ''));
      await session.requestHangup('failed');
      return;
    }
    await session.startFlow();
  }
}
