import type { MediaServer } from './media-server.js';
import type { ModuleLookup, OptionalModule } from './modules.js';

/** The media servers call-manager drives, by address and by Core-UUID. */
export class MediaServerPool implements ModuleLookup {
  private turn = 0;

  constructor(readonly servers: MediaServer[]) {}

  byAddress(address: string): MediaServer | undefined {
    return this.servers.find((server) => server.address === address);
  }

  loaded(mediaServer: string, module: OptionalModule): boolean | undefined {
    return this.byAddress(mediaServer)?.hasModule(module);
  }

  /** The server an inbound call came from (its CHANNEL_DATA names the switch's Core-UUID). */
  byCore(coreUuid: string | undefined): MediaServer | undefined {
    if (coreUuid === undefined) return undefined;
    return this.servers.find((server) => server.coreUuid === coreUuid) ?? (this.servers.length === 1 ? this.servers[0] : undefined);
  }

  /** A connected server for a new outgoing call, in turn. */
  pick(): MediaServer | undefined {
    const connected = this.servers.filter((server) => server.connected);
    if (connected.length === 0) return undefined;
    return connected[this.turn++ % connected.length];
  }

  start(): void {
    for (const server of this.servers) server.start();
  }

  stop(): void {
    for (const server of this.servers) server.stop();
  }
}
