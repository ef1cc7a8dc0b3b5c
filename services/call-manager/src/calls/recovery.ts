import type { Logger } from '@voxmesh/telemetry';
import type { CallRepository, ChannelRepository, CallRow } from '../db/repositories.js';
import { exists, existsAnswer } from '../esl/commands.js';
import { EslCommandError } from '../esl/errors.js';
import { InboundLink, type LegLink } from '../esl/leg-link.js';
import type { MediaServer } from '../esl/media-server.js';
import type { MediaServerPool } from '../esl/media-servers.js';
import type { Instances } from './instances.js';
import { newLeg } from './leg.js';
import { CallSession, type SessionDeps } from './session.js';

/** A channel that is known to be gone: every command about it says so. */
class GoneLink implements LegLink {
  readonly kind = 'inbound';
  constructor(readonly channelId: string) {}
  private gone(): never {
    throw new EslCommandError(`channel ${this.channelId}`, '-ERR No such channel!');
  }
  async execute(): Promise<void> {
    this.gone();
  }
  async hangup(): Promise<void> {
    this.gone();
  }
  async api(): Promise<string> {
    this.gone();
  }
  async sendEvent(): Promise<void> {
    this.gone();
  }
  release(): void {}
}

/**
 * Calls a replica left behind when it stopped (or crashed) are found at the next start
 * and never left dangling. When its media server answers, each is checked: a channel
 * that is gone (FreeSWITCH hangs up a call whose socket closed, and a restarted switch
 * has none) ends the call cleanly (`hangup_by: local`, reason `failed`, its activeflow
 * stopped, its events published); a channel still up is taken back through the
 * inbound socket (see CallSession.recover): an answered leg call-manager dialled goes
 * on with its flow, anything else is hung up cleanly.
 */
export class Recovery {
  private readonly waiting = new Map<string, CallRow[]>();

  constructor(
    private readonly options: {
      calls: CallRepository;
      channels: ChannelRepository;
      pool: MediaServerPool;
      sessions: SessionDeps;
      logger: Logger;
      owner: string;
      instances: Instances;
    },
  ) {}

  private sweeping: Promise<void> | undefined;

  /**
   * Takes over the calls of replicas that are gone (their heartbeat lapsed): each is
   * claimed in the database (one replica wins) and then settled as a restart's own.
   */
  adoptOrphans(): Promise<void> {
    this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweep(): Promise<void> {
    const { calls, owner, instances, logger, pool } = this.options;
    const rows = await calls.heldByOthers(owner);
    const verdicts = new Map<string, boolean>();
    for (const row of rows) {
      let gone = verdicts.get(row.owner);
      if (gone === undefined) verdicts.set(row.owner, (gone = await instances.gone(row.owner)));
      if (!gone || this.options.sessions.registry.get(row.call.id)) continue;
      if (!(await calls.claim(row.call.id, row.owner, owner))) continue;
      logger.info({ call_id: row.call.id, from: row.owner }, 'call of a replica that is gone taken over');
      const server = pool.byAddress(row.call.media_server);
      if (server?.connected || !server) await this.settle({ ...row, owner }, server);
      else this.waiting.set(server.address, [...(this.waiting.get(server.address) ?? []), { ...row, owner }]);
    }
  }

  /** Reads the calls left unfinished; each is settled once its media server is connected. */
  async load(): Promise<number> {
    const rows = await this.options.calls.unfinished(this.options.owner);
    for (const row of rows) {
      if (this.options.sessions.registry.get(row.call.id)) continue;
      const server = this.options.pool.byAddress(row.call.media_server);
      if (!server) {
        // Its media server is no longer configured: nobody can reach the channel.
        await this.settle(row, undefined);
        continue;
      }
      const list = this.waiting.get(server.address) ?? [];
      list.push(row);
      this.waiting.set(server.address, list);
    }
    for (const server of this.options.pool.servers) if (server.connected) await this.serverConnected(server);
    if (rows.length > 0) this.options.logger.info({ calls: rows.length }, 'calls left by the previous run found');
    return rows.length;
  }

  /** The media server is (again) connected: settle the calls waiting for it, and check the legs held through it. */
  async serverConnected(server: MediaServer): Promise<void> {
    const rows = this.waiting.get(server.address) ?? [];
    this.waiting.delete(server.address);
    for (const row of rows) await this.settle(row, server).catch((error: unknown) => this.options.logger.error({ err: error, call_id: row.call.id }, 'call not recovered'));
    for (const session of this.options.sessions.registry.all()) {
      if (session.link.kind !== 'inbound' || session.call.media_server !== server.address || session.isReleased) continue;
      if (session.coreUuid !== '' && session.coreUuid !== server.coreUuid) {
        // The switch restarted: the leg died with it.
        session.enqueue('media server restarted', () => session.release());
        continue;
      }
      const there = await server.api(exists(session.call.channel_id)).then(existsAnswer, () => true);
      if (there === false) session.enqueue('channel gone', () => session.release());
    }
  }

  private async settle(row: CallRow, server: MediaServer | undefined): Promise<void> {
    const { call } = row;
    let alive = false;
    if (server && call.channel_id !== '' && server.coreUuid === row.coreUuid) {
      alive = (await server.api(exists(call.channel_id)).then(existsAnswer, () => false)) === true;
    }
    const stored = await this.options.channels.get(call.channel_id);
    const leg = newLeg({
      id: call.channel_id,
      callId: call.id,
      accountId: call.account_id,
      mediaServer: call.media_server,
      direction: call.direction === 'incoming' ? 'inbound' : 'outbound',
      callerIdName: call.source.target_name ?? call.source.target,
      callerIdNumber: call.source.target,
      destination: call.destination.target,
      username: '',
      now: call.tm_create,
    });
    if (stored) leg.channel = stored;
    if (!alive || !server) {
      const session = new CallSession(this.options.sessions, { call, link: new GoneLink(call.channel_id), leg, coreUuid: row.coreUuid });
      this.options.sessions.registry.add(session);
      await session.run(async () => {
        const reason = call.status === 'terminating' ? 'normal' : call.status === 'canceling' ? 'cancel' : 'failed';
        await session.channelDown('NORMAL_TEMPORARY_FAILURE', undefined, { by: 'local', reason });
        await this.options.sessions.recordings.finishStored(session);
        await session.release();
      });
      this.options.logger.info({ call_id: call.id, status: call.status }, 'call left by the previous run had ended; closed');
      return;
    }
    const session = new CallSession(this.options.sessions, { call, link: new InboundLink(server, call.channel_id), leg, coreUuid: row.coreUuid });
    this.options.sessions.registry.add(session);
    await server.watch(call.channel_id);
    session.enqueue('recover', () => session.recover());
    this.options.logger.info({ call_id: call.id, status: call.status }, 'call left by the previous run taken back');
  }
}
