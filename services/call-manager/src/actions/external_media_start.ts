import { randomUUID } from 'node:crypto';
import { audioForkStart } from '../esl/commands.js';
import type { ActionHandler } from './types.js';

/** `host:port` (or `[v6]:port`); the port defaults to 8026, unicast's remote default. */
export function splitHost(value: string): { host: string; port: string } {
  const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(value.trim());
  return { host: match?.[1] ?? match?.[2] ?? value, port: match?.[3] ?? '8026' };
}

/** A websocket stream goes through mod_audio_fork; RTP over UDP or TCP would need unicast. */
export function isWebsocket(option: { external_host: string; transport?: string | undefined }): boolean {
  return option.transport === 'websocket' || /^wss?:\/\//i.test(option.external_host);
}

/**
 * `external_media_start`: streams the call's audio to a websocket (`uuid_audio_fork`,
 * mod_audio_fork, a media bug that runs across the actions that follow) and records
 * the stream on the call; done at once. An RTP stream is refused: FreeSWITCH's unicast
 * runs only while the channel idles in park and is shut down when the next application
 * ends (switch_core_session_reset), so it cannot last as the action says.
 */
export const externalMediaStart: ActionHandler<'external_media_start'> = {
  async start(run) {
    const option = run.action.option;
    if (!isWebsocket(option)) {
      await run.refuse(
        'EXTERNAL_MEDIA_UNSUPPORTED',
        `cannot stream RTP to ${option.external_host}: FreeSWITCH's unicast stops when the next application ends; stream to a websocket (ws:// or wss://, mod_audio_fork) instead`,
      );
      return;
    }
    if (run.hasModule('mod_audio_fork') === false) {
      await run.refuse('MODULE_MISSING', `streaming to ${option.external_host} needs mod_audio_fork, which the media server has not loaded`);
      return;
    }
    const url = /^wss?:\/\//i.test(option.external_host) ? option.external_host : `ws://${option.external_host}`;
    await run.api(audioForkStart(run.live.call.channel_id, url));
    run.live.update((call) =>
      call.external_medias.push({
        id: randomUUID(),
        external_host: option.external_host,
        encapsulation: option.encapsulation ?? 'audiofork',
        transport: 'websocket',
        status: 'running',
        tm_start: new Date().toISOString(),
        tm_stop: null,
      }),
    );
  },
};
