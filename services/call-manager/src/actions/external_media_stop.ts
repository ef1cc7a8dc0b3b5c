import type { ActionHandler } from './types.js';

/**
 * `external_media_stop`: stops the call's streams (uuid_audio_fork stop for a
 * websocket one; a unicast one ends with the media the channel runs, which is broken
 * off) and marks them stopped; done at once.
 */
export const externalMediaStop: ActionHandler<'external_media_stop'> = {
  async start(run) {
    const running = run.live.call.external_medias.filter((media) => media.status === 'running');
    if (running.length === 0) return;
    if (running.some((media) => media.transport === 'websocket')) await run.api(`uuid_audio_fork ${run.live.call.channel_id} stop`);
    if (running.some((media) => media.transport !== 'websocket')) await run.live.breakMedia(false);
    const now = new Date().toISOString();
    run.live.update((call) => {
      for (const media of call.external_medias) {
        if (media.status !== 'running') continue;
        media.status = 'stopped';
        media.tm_stop = now;
      }
    });
  },
};
