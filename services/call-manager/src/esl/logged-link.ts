import type { Logger } from '@voxmesh/telemetry';
import type { LegLink } from './leg-link.js';

/**
 * A call's link to its channel that logs, at debug level, each event-socket command
 * and the switch's reply (or refusal) under the call's logger, so a call can be
 * followed command by command on a real switch. Costs nothing unless debug is on.
 */
export class LoggedLink implements LegLink {
  constructor(
    private readonly link: LegLink,
    private readonly logger: Logger,
  ) {}

  get kind(): LegLink['kind'] {
    return this.link.kind;
  }

  get channelId(): string {
    return this.link.channelId;
  }

  execute(app: string, arg: string, appUuid: string): Promise<void> {
    return this.logged(`execute ${app} ${arg}`, () => this.link.execute(app, arg, appUuid), { application_uuid: appUuid });
  }

  hangup(cause: string): Promise<void> {
    return this.logged(`hangup ${cause}`, () => this.link.hangup(cause));
  }

  api(command: string): Promise<string> {
    return this.logged(`api ${command}`, () => this.link.api(command));
  }

  sendEvent(name: string, headers: Record<string, string>): Promise<void> {
    return this.logged(`sendevent ${name}`, () => this.link.sendEvent(name, headers));
  }

  release(): void {
    this.link.release();
  }

  private async logged<T>(command: string, work: () => Promise<T>, extra: Record<string, string> = {}): Promise<T> {
    const fields = { channel_id: this.link.channelId, link: this.link.kind, command, ...extra };
    try {
      const reply = await work();
      this.logger.debug({ ...fields, reply: typeof reply === 'string' ? reply.trim() : '+OK' }, 'event socket command');
      return reply;
    } catch (error) {
      this.logger.debug({ ...fields, reply: error instanceof Error ? error.message : String(error) }, 'event socket command refused');
      throw error;
    }
  }
}
