import type { HeldCall } from './live-call.js';

/**
 * The calls this replica holds, by call id and by channel id (events name the
 * channel). A call leaves the registry once its channel can no longer be heard from.
 */
export class CallRegistry {
  private readonly byId = new Map<string, HeldCall>();
  private readonly byChannel = new Map<string, HeldCall>();

  add(held: HeldCall): void {
    this.byId.set(held.call.id, held);
    if (held.call.channel_id !== '') this.byChannel.set(held.call.channel_id, held);
  }

  remove(held: HeldCall): void {
    if (this.byId.get(held.call.id) === held) this.byId.delete(held.call.id);
    if (this.byChannel.get(held.call.channel_id) === held) this.byChannel.delete(held.call.channel_id);
  }

  get(callId: string): HeldCall | undefined {
    return this.byId.get(callId);
  }

  byChannelId(channelId: string): HeldCall | undefined {
    return this.byChannel.get(channelId);
  }

  get size(): number {
    return this.byId.size;
  }

  all(): HeldCall[] {
    return [...this.byId.values()];
  }
}
