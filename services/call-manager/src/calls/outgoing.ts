import { randomUUID } from 'node:crypto';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import type { CallManagerSettings } from '../config.js';
import type { Address, Call, CreateCallsBody } from '../contract.js';
import * as fs from '../esl/commands.js';
import { InboundLink } from '../esl/leg-link.js';
import type { MediaServer } from '../esl/media-server.js';
import type { MediaServerPool } from '../esl/media-servers.js';
import type { CallMetrics } from '../metrics.js';
import type { ConfbridgeService } from './confbridges.js';
import { newLeg } from './leg.js';
import type { HeldCall } from './live-call.js';
import { newCall } from './model.js';
import { CallSession, type SessionDeps } from './session.js';
import { callVariables } from './variables.js';

export interface OutgoingCallsOptions {
  sessions: SessionDeps;
  pool: MediaServerPool;
  confbridges: ConfbridgeService;
  settings: CallManagerSettings;
  metrics: CallMetrics;
  logger: Logger;
}

export { causeOfOriginate } from '../esl/commands.js';

/**
 * Outgoing calls (`POST /v1/calls`, and connect's legs through it): for each
 * destination a call with its own activeflow, then an originate on the media server
 * (the master's, for a connect, so the legs can be bridged) through the inbound
 * socket, parked once answered. The call's flow starts when it answers, or when it
 * rings with `early_execution`.
 */
export class OutgoingCalls {
  constructor(private readonly options: OutgoingCallsOptions) {}

  /** The endpoint a destination is dialled at. */
  endpoint(destination: Address, at: number): string {
    const endpoint = fs.endpoint(destination.type, destination.target, this.options.settings.eslGateway);
    if (endpoint === undefined) throw VoipError.invalidArgument(`destinations.${at}.type`, `${destination.type} destinations need a service this platform does not run (tel, sip and extension are dialled)`);
    return endpoint;
  }

  async create(body: CreateCallsBody): Promise<Call[]> {
    const { sessions, pool } = this.options;
    if (body.flow_id === undefined && body.actions === undefined) throw VoipError.invalidArgument('flow_id', 'give flow_id or actions');
    const endpoints = body.destinations.map((destination, at) => this.endpoint(destination, at));
    let master: HeldCall | undefined;
    if (body.master_call_id !== undefined && body.master_call_id !== '') {
      master = sessions.registry.get(body.master_call_id);
      if (!master || master.ending) throw VoipError.conflict(`call ${body.master_call_id} is not live here`, 'MASTER_NOT_LIVE');
    }
    const server = master ? pool.byAddress(master.call.media_server) : pool.pick();
    if (!server || !server.connected) throw VoipError.unavailable('no media server is connected', 'NO_MEDIA_SERVER');
    const accountId = body.account_id ?? master?.call.account_id ?? '';
    const source: Address = body.source ?? (master ? { ...master.call.source } : { type: 'tel', target: 'anonymous' });
    const calls: Call[] = [];
    for (const [at, destination] of body.destinations.entries()) {
      calls.push(await this.dial({ body, destination, endpoint: endpoints[at]!, server, master, accountId, source }));
    }
    return calls;
  }

  private async dial(request: { body: CreateCallsBody; destination: Address; endpoint: string; server: MediaServer; master: HeldCall | undefined; accountId: string; source: Address }): Promise<Call> {
    const { sessions, metrics, confbridges, settings, logger } = this.options;
    const { body, destination, server, master } = request;
    const channelId = randomUUID();
    const call = newCall({
      id: randomUUID(),
      direction: 'outgoing',
      status: 'dialing',
      source: request.source,
      destination,
      channelId,
      mediaServer: server.address,
      accountId: request.accountId,
      flowId: body.flow_id ?? '',
      activeflowId: randomUUID(),
      masterCallId: master?.call.id ?? '',
      earlyExecution: body.early_execution === true,
    });
    await sessions.flows.call('createActiveflow', {
      body: {
        id: call.activeflow_id,
        ...(body.flow_id !== undefined ? { flow_id: body.flow_id } : { actions: body.actions }),
        ...(request.accountId !== '' ? { account_id: request.accountId } : {}),
        reference_type: 'call',
        reference_id: call.id,
        variables: { ...(body.variables ?? {}), ...callVariables(call) },
      },
    });
    const leg = newLeg({
      id: channelId,
      callId: call.id,
      accountId: call.account_id,
      mediaServer: server.address,
      direction: 'outbound',
      callerIdName: request.source.target_name ?? request.source.target,
      callerIdNumber: request.source.target,
      destination: destination.target,
      username: '',
      now: call.tm_create,
    });
    const session = new CallSession(sessions, { call, link: new InboundLink(server, channelId), leg, coreUuid: server.coreUuid ?? '' });
    sessions.registry.add(session);
    metrics.callsStarted.inc(['outgoing']);
    session.save();
    session.saveChannel();
    session.publish('call_created', call);
    session.publishChannel('channel_create');
    if (master) {
      confbridges.addPendingLeg(master.call.id, call.id);
      const chained = call.id;
      master.enqueue('chained call', async () => master.update((c) => c.chained_call_ids.push(chained)));
    }
    const anonymous = body.anonymous === true || body.anonymous === 'yes';
    const variables: Record<string, string> = {
      origination_uuid: channelId,
      origination_caller_id_number: anonymous ? 'anonymous' : request.source.target,
      origination_caller_id_name: anonymous ? 'Anonymous' : (request.source.target_name ?? request.source.target),
      originate_timeout: String(body.timeout ?? settings.ringTimeoutS),
      // When the other leg of a bridge leaves, this one waits for its next action instead of hanging up.
      park_after_bridge: 'true',
      voxmesh_call_id: call.id,
    };
    if (anonymous) variables.origination_privacy = 'hide_name:hide_number';
    const timeoutMs = (Number(variables.originate_timeout) + 30) * 1000;
    session.enqueue('dial', async () => {
      await server.watch(channelId);
      const command = fs.originate(variables, request.endpoint);
      const debug = (reply: string) => logger.debug({ call_id: call.id, channel_id: channelId, command: `bgapi ${command}`, reply }, 'event socket command');
      void server.bgapi(command, timeoutMs).then(
        (job) => {
          debug(job.body.trim());
          session.enqueue('answered', () => session.originated({ ok: true }));
        },
        (error: unknown) => {
          const reply = error instanceof Error ? error.message : String(error);
          debug(reply);
          session.enqueue('not answered', () => session.originated({ ok: false, cause: fs.causeOfOriginate(reply) }));
        },
      );
    });
    return structuredClone(call);
  }
}
