import type { Hub } from '../websocket/hub.js';
import { liveEventOf } from '../websocket/live-events.js';

/** Hands an event to the sockets bound to it, in the shape a socket may see (see `liveEventOf`). */
export class LiveFanOut {
  constructor(private readonly hub: Hub) {}

  deliver(type: string, data: unknown): void {
    const live = liveEventOf({ type, data });
    if (live) this.hub.deliver(live);
  }
}
