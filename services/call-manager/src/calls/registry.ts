import type { CallSession } from './session.js';

/**
 * The calls this replica holds, by call id and by channel id (events name the
 * channel). A call leaves the registry once its channel can no longer be heard from.
 */
export class CallRegistry {
  private readonly byId = new Map<string, CallSession>();
  private readonly byChannel = new Map<string, CallSession>();

  add(session: CallSession): void {
    this.byId.set(session.call.id, session);
    if (session.call.channel_id !== '') this.byChannel.set(session.call.channel_id, session);
  }

  remove(session: CallSession): void {
    if (this.byId.get(session.call.id) === session) this.byId.delete(session.call.id);
    if (this.byChannel.get(session.call.channel_id) === session) this.byChannel.delete(session.call.channel_id);
  }

  get(callId: string): CallSession | undefined {
    return this.byId.get(callId);
  }

  byChannelId(channelId: string): CallSession | undefined {
    return this.byChannel.get(channelId);
  }

  get size(): number {
    return this.byId.size;
  }

  all(): CallSession[] {
    return [...this.byId.values()];
  }
}
