import { randomUUID } from 'node:crypto';
import type { ActionHandler } from './types.js';

/** mod_event_socket's unicast defaults for the switch's own end. */
const LOCAL_IP = '127.0.0.1';
const LOCAL_PORT = '8025';

/** `host:port` (or `[v6]:port`); the port defaults to 8026, unicast's remote default. */
export function splitHost(value: string): { host: string; port: string } {
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(value.trim());
  return { host: match?.[1] ?? match?.[2] ?? value, port: match?.[3] ?? '8026' };
}

/** A websocket stream goes through mod_audio_fork; RTP over UDP or TCP through unicast. */
export function isWebsocket(option: { external_host: string; transport?: string | undefined }): boolean {
  return option.transport === 'websocket' || /^wss?:\/\//i.test(option.external_host);
}

/**
 * `external_media_start`: streams the call's audio to `external_host` and records the
 * stream on the call; done at once, the stream runs on with the flow.
 */
export const externalMediaStart: ActionHandler<'external_media_start'> = {
  async start(run) {
    const option = run.action.option;
    const websocket = isWebsocket(option);
    const channel = run.live.call.channel_id;
    let transport: string;
    if (websocket) {
      transport = 'websocket';
      const url = /^wss?:\/\//i.test(option.external_host) ? option.external_host : `ws://${option.external_host}`;
      await run.api(`uuid_audio_fork ${channel} start ${url} mono 8k`);
    } else {
      const { host, port } = splitHost(option.external_host);
      transport = option.transport === 'tcp' ? 'tcp' : 'udp';
      await run.live.link.unicast({ 'local-ip': LOCAL_IP, 'local-port': LOCAL_PORT, 'remote-ip': host, 'remote-port': port, transport });
    }
    run.live.update((call) =>
      call.external_medias.push({
        id: randomUUID(),
        external_host: option.external_host,
        encapsulation: option.encapsulation ?? (websocket ? 'audiofork' : 'rtp'),
        transport,
        status: 'running',
        tm_start: new Date().toISOString(),
        tm_stop: null,
      }),
    );
  },
};
